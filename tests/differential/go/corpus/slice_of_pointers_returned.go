// entry: pointersReturned

package main

func makePointers() []*int {
	a, b := 1, 2
	return []*int{&a, &b}
}

func pointersReturned() int {
	ps := makePointers()
	return *ps[0] + *ps[1] + len(ps)
}

func main() {
	println(pointersReturned())
}
