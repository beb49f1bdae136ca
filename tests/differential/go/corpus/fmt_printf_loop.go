// entry: table
// Printf in a loop: one conversion per argument per iteration.
package main

import "fmt"

func table() {
	for i := 250; i < 260; i++ {
		fmt.Printf("%d squared is %d\n", i, i*i)
	}
}

func main() {
	table()
}
