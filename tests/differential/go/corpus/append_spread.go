// entry: appendSpread

package main

func concat(a, b []int) []int {
	out := make([]int, 0, len(a))
	out = append(out, a...)
	out = append(out, b...)
	return out
}

func appendSpread() int {
	a := []int{1, 2, 3}
	b := []int{4, 5, 6, 7}
	c := concat(a, b)
	return len(c)*100 + cap(c)
}

func main() {
	println(appendSpread())
}
