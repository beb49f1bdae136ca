// entry: newInLoop

package main

func newInLoop() int {
	total := 0
	for i := 0; i < 50; i++ {
		p := new(int)
		*p = i
		total += *p
	}
	return total
}

func main() {
	println(newInLoop())
}
