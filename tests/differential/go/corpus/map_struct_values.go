// entry: run
// Struct values are copied into the map's slots; to change one, read it,
// change the copy and store it back.
package main

import "fmt"

type Point struct{ X, Y int }

func moved() int {
	pos := map[string]Point{"a": {1, 2}, "b": {3, 4}}
	p := pos["a"]
	p.X += 10
	pos["a"] = p
	return pos["a"].X + pos["b"].Y
}

func run() {
	fmt.Println(moved())
}

func main() {
	run()
}
