// entry: show
// The everyday Printf verbs.
package main

import "fmt"

func show() {
	n := 255
	n += 1000
	s := "go"
	s += "pher"
	fmt.Printf("[%d] [%5d] [%-5d] [%05d] [%x] [%X] [%o] [%b]\n", n, n, n, n, n, n, n, n)
	fmt.Printf("[%s] [%q] [%8s] [%-8s] [%.3s] [%x]\n", s, s, s, s, s, s)
	fmt.Printf("%T %T %T %v%%\n", n, s, 1.5, true)
}

func main() {
	show()
}
