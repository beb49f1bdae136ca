// entry: makeStatic

package main

// n is never reassigned, so escape analysis rewrites make([]int, n) to
// make([]int, 10): a constant-size array in the frame, not a 32-byte
// buffer that is too small.
func makeStatic() int {
	n := 10
	s := make([]int, n)
	s[3] = 1
	return s[3] + len(s)
}

func main() {
	println(makeStatic())
}
