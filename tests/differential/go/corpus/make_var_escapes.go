// entry: makeVarEscapes

package main

func makeBuf(n int) []int {
	return make([]int, n)
}

func makeVarEscapes() int {
	a := makeBuf(2)
	b := makeBuf(64)
	return len(a) + len(b)
}

func main() {
	println(makeVarEscapes())
}
