// entry: pointersLocal

package main

func pointersLocal() int {
	a, b, c := 1, 2, 3
	ps := []*int{&a, &b, &c}
	total := 0
	for _, p := range ps {
		*p *= 2
		total += *p
	}
	return total
}

func main() {
	println(pointersLocal())
}
