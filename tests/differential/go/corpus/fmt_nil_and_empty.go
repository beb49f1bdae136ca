// entry: show
// Empty strings and nil slices point at the runtime's zeroVal.
package main

import "fmt"

func show() {
	var names []string
	empty := ""
	empty += ""
	fmt.Println(names, empty, len(names))
	var err error
	fmt.Println(err)
}

func main() {
	show()
}
