// entry: show
// Small integers fit in runtime.staticuint64s: converting them to an
// interface does not allocate, even though -m says they escape.
package main

import "fmt"

func show() {
	n := 7
	n *= 3
	fmt.Println("n is", n)
}

func main() {
	show()
}
