// entry: greet
// A variable that is never reassigned is replaced by its constant value.
package main

import "fmt"

func greet() {
	count := 12345
	name := "gopher"
	fmt.Println("hello", name, count)
}

func main() {
	greet()
}
