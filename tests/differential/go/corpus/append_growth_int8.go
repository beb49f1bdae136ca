// entry: growInt8

package main

func growInt8() []int8 {
	var s []int8
	last := -1
	for i := 0; i < 200; i++ {
		s = append(s, int8(i))
		if cap(s) != last {
			last = cap(s)
			println(len(s), cap(s))
		}
	}
	return s
}

func main() {
	growInt8()
}
