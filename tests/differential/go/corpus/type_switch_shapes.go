// entry: run
// Switching on the dynamic type of an interface value, with break.
package main

import "fmt"

type Shape interface {
	Area() float64
}

type Square struct{ S float64 }
type Circle struct{ R float64 }

func (s Square) Area() float64 { return s.S * s.S }
func (c Circle) Area() float64 { return 3.14 * c.R * c.R }

func run() {
	shapes := []Shape{Square{2}, Circle{1}, Square{3}}
	squares := 0
	for _, s := range shapes {
		switch s.(type) {
		case Square:
			squares++
			if squares > 1 {
				break
			}
			fmt.Println("first square")
		case Circle:
			fmt.Println("a circle")
		}
	}
	fmt.Println(squares, "squares")
}

func main() {
	run()
}
