// entry: deepChain

package main

var sinkP *int

func level3(p *int) {
	sinkP = p
}

func level2(p *int) {
	level3(p)
}

func level1(p *int) {
	level2(p)
}

func readOnly3(p *int) int { return *p }
func readOnly2(p *int) int { return readOnly3(p) + 1 }
func readOnly1(p *int) int { return readOnly2(p) + 1 }

// The leak of level3 propagates through the parameter summaries of
// level2 and level1; the read-only chain keeps y on the stack.
func deepChain() int {
	x := 1
	y := 2
	level1(&x)
	n := *sinkP + readOnly1(&y)
	sinkP = nil
	return n
}

func main() {
	println(deepChain())
}
