// entry: show
// Nested structs and slices inside structs.
package main

import "fmt"

type Line struct {
	From, To Point
	Tags     []string
}

type Point struct {
	X, Y int
}

func show() {
	l := Line{Point{0, 0}, Point{3, 4}, []string{"a", "b"}}
	l.To.X++
	fmt.Println(l)
	fmt.Printf("%+v\n", l)
}

func main() {
	show()
}
