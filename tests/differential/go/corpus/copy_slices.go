// entry: copySlices

package main

func clone(src []int) []int {
	dst := make([]int, len(src))
	copy(dst, src)
	return dst
}

func copySlices() int {
	src := []int{5, 6, 7, 8}
	c := clone(src)
	buf := make([]int, 2)
	n := copy(buf, src[1:])
	c[0] = 100
	return src[0] + c[0] + n + buf[1]
}

func main() {
	println(copySlices())
}
