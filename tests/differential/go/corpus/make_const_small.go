// entry: makeConstSmall

package main

func makeConstSmall() int {
	s := make([]int, 100)
	t := make([]float64, 10, 20)
	for i := range s {
		s[i] = i
	}
	t[0] = 1.5
	return s[99] + len(t) + cap(t)
}

func main() {
	println(makeConstSmall())
}
