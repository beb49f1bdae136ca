// entry: loopvarLocal

package main

func bump(p *int) {
	*p += 100
}

// &i never leaves the iteration, so i stays on the stack.
func loopvarLocal() int {
	total := 0
	for i := 0; i < 10; i++ {
		bump(&i)
		total += i
		i -= 100
	}
	return total
}

func main() {
	println(loopvarLocal())
}
