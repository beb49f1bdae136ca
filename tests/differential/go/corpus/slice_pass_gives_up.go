// entry: givesUp

package main

// Uses the slice pass does not understand keep append on the heap: a callee
// that writes through its parameter, &s[i], and an escape inside a loop.
func setFirst(s []int) { s[0] = 7 }

func mutated() []int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	setFirst(s)
	return s
}

func addressed() []int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	p := &s[0]
	*p = 3
	return s
}

var kept []int

func inLoop() int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	for j := 0; j < 1; j++ {
		kept = s
	}
	return len(kept)
}

func givesUp() int {
	return len(mutated()) + len(addressed()) + inLoop()
}

func main() {
	println(givesUp())
}
