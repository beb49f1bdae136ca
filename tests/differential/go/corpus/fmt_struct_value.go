// entry: show
// Printing a struct value: convTnoptr copies it to the heap.
package main

import "fmt"

type Point struct {
	X, Y int
}

func show() {
	p := Point{X: 1, Y: 2}
	p.X += 10
	fmt.Println(p)
	fmt.Printf("%v %+v\n", p, p)
}

func main() {
	show()
}
