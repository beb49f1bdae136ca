// entry: makeVarSizes

package main

// A non-escaping make with a variable size gets a small stack buffer;
// bigger requests fall back to the heap at run time.
func fill(n int) int {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return len(b)
}

func makeVarSizes() int {
	return fill(8) + fill(32) + fill(33) + fill(1000)
}

func main() {
	println(makeVarSizes())
}
