// entry: show
// Unexported fields cannot be turned back into interfaces by reflect, so
// printing them through a pointer copies nothing.
package main

import "fmt"

type account struct {
	owner   string
	balance int
}

func show() {
	a := &account{"bob", 1200}
	fmt.Println(a)
}

func main() {
	show()
}
