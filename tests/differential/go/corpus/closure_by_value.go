// entry: closureByValue

package main

// n is never reassigned after capture, so the closure copies it:
// the closure escapes but n is not moved to the heap.
func adder(n int) func(int) int {
	return func(x int) int {
		return x + n
	}
}

func closureByValue() int {
	add3 := adder(3)
	add5 := adder(5)
	return add3(1) + add5(1)
}

func main() {
	println(closureByValue())
}
