// entry: run
// Printing a map of structs: fmt sorts the keys and prints each struct
// value with its fields (%+v adds the names); every key and value is copied
// out of the map first, one heap object each.
package main

import "fmt"

type Point struct {
	X, Y int
	tag  string
}

func run() {
	pts := map[string]Point{"b": {3, 4, "q"}, "a": {1, 2, "p"}}
	fmt.Println(pts)
	fmt.Printf("%+v\n", pts)
	one := map[int]struct{ N int }{7: {1}}
	fmt.Println(one)
}

func main() {
	run()
}
