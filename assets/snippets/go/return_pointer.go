// title: Return &local
// entry: returnPointer
// lesson: escape
// claim: Returning the address of a local variable is safe in Go: the compiler moves that variable to the heap.
// par: 744

package main

type Counter struct {
	N    int
	Step int
}

// newCounter returns a pointer to its own local variable.
func newCounter(step int) *Counter {
	c := Counter{Step: step}
	return &c
}

func returnPointer() int {
	c := newCounter(3)
	c.N += c.Step
	c.N += c.Step
	return c.N
}

func main() {
	println(returnPointer())
}
