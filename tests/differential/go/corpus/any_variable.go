// entry: show
// Storing values in an `any` variable that stays local.
package main

import "fmt"

func show() {
	var v any = 5000
	fmt.Println(v)
	n := 70000
	n++
	var w any = n
	fmt.Println(w)
}

func main() {
	show()
}
