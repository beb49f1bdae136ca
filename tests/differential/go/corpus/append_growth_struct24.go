// entry: growStruct

package main

type Triple struct {
	A int64
	B int64
	C int64
}

func growStruct() []Triple {
	var s []Triple
	last := -1
	for i := 0; i < 60; i++ {
		s = append(s, Triple{A: int64(i)})
		if cap(s) != last {
			last = cap(s)
			println(len(s), cap(s))
		}
	}
	return s
}

func main() {
	growStruct()
}
