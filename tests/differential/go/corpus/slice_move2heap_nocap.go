// entry: moveNoCap

package main

// The slice pass: digits is returned, so the compiler copies it to the heap
// right before the return (move2heap). Until then append uses a 32-byte
// stack store. The capacity is never looked at, so the copy gets the size
// class of the length: one 24-byte allocation, cap 3.
func digits() []int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	return s
}

func moveNoCap() int {
	d := digits()
	println(len(d), cap(d))
	return len(d)
}

func main() {
	println(moveNoCap())
}
