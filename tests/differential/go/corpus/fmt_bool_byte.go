// entry: show
// Booleans and bytes never allocate in an interface.
package main

import "fmt"

func show() {
	ok := true
	var b byte = 200
	for i := 0; i < 3; i++ {
		ok = !ok
		b++
		fmt.Println(ok, b)
	}
}

func main() {
	show()
}
