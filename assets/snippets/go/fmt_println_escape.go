// title: fmt.Println(x) and the heap
// entry: printTotal
// lesson: escape
// claim: Passing a local variable to fmt.Println moves the variable to the heap.
// truth: total itself never moves: the compiler reports `total escapes to heap` for the interface conversion, which copies the value into a new 8-byte heap object. The `...` slice holding the arguments stays on the stack.
// par: 653

package main

import "fmt"

func printTotal() {
	total := 0
	for i := 1; i <= 100; i++ {
		total += i
	}
	fmt.Println("total:", total)
}

func main() {
	printTotal()
}
