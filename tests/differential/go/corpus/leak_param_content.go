// entry: leakContent

package main

var first *int

// keepFirst leaks what its slice points to, not the slice itself.
func keepFirst(ps []*int) {
	first = ps[0]
}

func leakContent() int {
	a := 10
	b := 20
	ps := []*int{&a, &b}
	keepFirst(ps)
	v := *first + *ps[1]
	first = nil
	return v
}

func main() {
	println(leakContent())
}
