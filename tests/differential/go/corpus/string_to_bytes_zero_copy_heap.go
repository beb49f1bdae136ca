// entry: zeroCopyHeap

package main

// []byte(s) that is only read aliases the string, here a heap string made
// by a long concatenation: the concatenation is the only allocation.
func countX(a, b string) int {
	s := a + b
	n := 0
	for _, c := range []byte(s) {
		if c == 'x' {
			n++
		}
	}
	return n
}

func zeroCopyHeap() int {
	return countX("xxxxxxxxxxxxxxxxxxxxxxxx", "yyyyyyyyyyyyyyyyyyyyyyyyyyyxx")
}

func main() {
	println(zeroCopyHeap())
}
