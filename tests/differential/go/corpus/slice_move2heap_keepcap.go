// entry: moveKeepCap

package main

// cap(s) is observed, so append grows inside the stack buffer one size
// class at a time (growsliceBuf) and move2heap keeps the capacity
// (moveSlice): even an emptied slice is copied with its capacity.
func grown(n int) []int {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i)
		println(len(s), cap(s))
	}
	return s
}

func emptied() []int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	s = s[:0]
	return s
}

func moveKeepCap() int {
	a := grown(3)
	b := emptied()
	println(len(a), cap(a), len(b), cap(b))
	return cap(a) + cap(b)
}

func main() {
	println(moveKeepCap())
}
