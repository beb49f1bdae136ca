// entry: build
// Sprint puts spaces only between operands when neither is a string.
package main

import "fmt"

func build() {
	a, b := 3, 4
	a++
	b++
	s := fmt.Sprint("sum:", a+b, a, b, "!")
	t := fmt.Sprintln("a", a, "b", b)
	fmt.Print(s, "\n", t)
}

func main() {
	build()
}
