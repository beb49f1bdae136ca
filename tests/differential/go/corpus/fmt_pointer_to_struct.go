// entry: show
// A pointer is its own interface data word, but the struct it points to
// escapes, and fmt's reflection copies each exported field it prints.
package main

import "fmt"

type User struct {
	Name string
	Age  int
}

func show() {
	u := &User{Name: "ann", Age: 31}
	fmt.Println(u)
}

func main() {
	show()
}
