// entry: combined

package main

var g [4]*int
var g32 [4]*int32
var gb [5]*byte

// Four escaping ints: four "moved to heap" sites.
func fourInts() {
	a, b, c, d := 1, 2, 3, 4
	g[0], g[1], g[2], g[3] = &a, &b, &c, &d
}

// Four escaping int32s.
func fourInt32s() {
	a, b, c, d := int32(1), int32(2), int32(3), int32(4)
	g32[0], g32[1], g32[2], g32[3] = &a, &b, &c, &d
}

// Five escaping bytes.
func fiveBytes() {
	a, b, c, d, e := byte(1), byte(2), byte(3), byte(4), byte(5)
	gb[0], gb[1], gb[2], gb[3], gb[4] = &a, &b, &c, &d, &e
}

func combined() int {
	fourInts()
	fourInt32s()
	fiveBytes()
	n := *g[3] + int(*g32[3]) + int(*gb[4])
	g = [4]*int{}
	g32 = [4]*int32{}
	gb = [5]*byte{}
	return n
}

func main() {
	println(combined())
}
