// entry: resultEscapes

package main

func pick(a, b *int, first bool) *int {
	if first {
		return a
	}
	return b
}

// The result of pick is returned, so both candidates escape.
func choose(first bool) *int {
	x := 1
	y := 2
	return pick(&x, &y, first)
}

func resultEscapes() int {
	return *choose(true) + *choose(false)
}

func main() {
	println(resultEscapes())
}
