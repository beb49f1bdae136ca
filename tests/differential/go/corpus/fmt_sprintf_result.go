// entry: label
// Sprintf allocates the string it returns.
package main

import "fmt"

func label() string {
	id := 42
	id += 1000
	return fmt.Sprintf("item-%05d", id)
}

func main() {
	fmt.Println(label())
}
