// entry: run
// A custom error type: a pointer to a struct that has an Error method.
package main

import "fmt"

type NotFound struct {
	Name string
}

func (e *NotFound) Error() string {
	return e.Name + " not found"
}

func find(name string) error {
	if name == "bob" {
		return nil
	}
	return &NotFound{Name: name}
}

func run() {
	for _, n := range []string{"bob", "eve"} {
		err := find(n)
		if err != nil {
			fmt.Println("error:", err.Error())
			if nf, ok := err.(*NotFound); ok {
				fmt.Println("missing:", nf.Name)
			}
		}
	}
}

func main() {
	run()
}
