// entry: run
// A deferred func literal in a loop captures the loop variable (a new one
// per iteration since Go 1.22): "func literal escapes to heap", one closure
// per iteration; they run last in first out.
package main

import "fmt"

var order []int

func countdown(n int) {
	for i := 1; i <= n; i++ {
		defer func() { order = append(order, i) }()
	}
}

func run() {
	order = nil
	countdown(4)
	fmt.Println(order)
	order = nil
}

func main() {
	run()
}
