// entry: run
// Deferred calls run when the function returns, last in first out; their
// arguments are evaluated when the defer statement runs.
package main

import "fmt"

func steps() {
	x := 1000
	defer fmt.Println("deferred x was", x)
	x = 2000
	defer fmt.Println("second defer")
	fmt.Println("body sees", x)
}

func run() {
	steps()
	fmt.Println("after steps")
}

func main() {
	run()
}
