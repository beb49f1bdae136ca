// title: new(int) for every number
// entry: inefficientSum
// lesson: escape
// claim: new(int) always allocates on the heap, so this sum makes three heap allocations.
// truth: No pointer outlives the call, so the compiler reports `new(int) does not escape` for all three and keeps them on the stack: zero heap allocations.
// pair: rust/sum_value_boxed
// par: 787

package main

func inefficientSum() int {
	a := new(int)
	b := new(int)
	*a = 1
	*b = 2
	c := new(int)
	*c = *a + *b
	return *c
}

func main() {
	println(inefficientSum())
}
