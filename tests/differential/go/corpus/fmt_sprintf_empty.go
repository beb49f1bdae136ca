// entry: build
// Sprintf of an empty result returns "" without allocating.
package main

import "fmt"

func build() int {
	s := fmt.Sprintf("")
	t := fmt.Sprint()
	u := fmt.Sprintf("%s", "")
	return len(s) + len(t) + len(u)
}

func main() {
	build()
}
