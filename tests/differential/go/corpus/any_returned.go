// entry: run
// Returning an interface makes the converted value escape.
package main

import "fmt"

func box(n int) any {
	return n
}

func run() {
	a := box(5)
	b := box(500)
	fmt.Println(a, b)
}

func main() {
	run()
}
