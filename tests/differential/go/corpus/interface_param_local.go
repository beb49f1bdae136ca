// entry: run
// An interface parameter that is only read does not make the value escape.
package main

type Animal interface {
	Legs() int
}

type Dog struct{ name string }
type Bird struct{ name string }

func (d Dog) Legs() int  { return 4 }
func (b Bird) Legs() int { return 2 }

func isBird(a any) bool {
	_, ok := a.(Bird)
	return ok
}

func run() int {
	d := Dog{"rex"}
	b := Bird{"tweety"}
	n := 0
	if isBird(b) {
		n++
	}
	if isBird(d) {
		n++
	}
	return n
}

func main() {
	run()
}
