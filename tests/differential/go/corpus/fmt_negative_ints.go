// entry: show
// Negative numbers are huge as uint64: convT64 allocates for them.
package main

import "fmt"

func show() {
	for i := -2; i <= 2; i++ {
		fmt.Println(i, i*100)
	}
}

func main() {
	show()
}
