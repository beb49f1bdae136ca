// title: Why did my slice escape?
// entry: sumSquares
// lesson: escape
// claim: A slice made inside a function stays on the stack.
// truth: squares returns its slice, so the backing array outlives the call and moves to the heap; a buffer owned by the caller and passed down does not escape.
// par: 692

package main

func squares(n int) []int {
	s := make([]int, 0, 8)
	for i := 0; i < n; i++ {
		s = append(s, i*i)
	}
	return s
}

func sumSquares() int {
	total := 0
	for _, v := range squares(8) {
		total += v
	}
	return total
}

func main() {
	println(sumSquares())
}
