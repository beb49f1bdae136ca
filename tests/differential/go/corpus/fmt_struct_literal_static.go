// entry: show
// A struct literal of constants lives in read-only data: no allocation.
package main

import "fmt"

type Point struct {
	X, Y int
}

func show() {
	origin := Point{}
	corner := Point{3, 4}
	fmt.Println(origin, corner)
}

func main() {
	show()
}
