// entry: run
// The textbook Shape interface with two implementations. The values stored
// in []Shape escape: s.Area() is a dynamic call the compiler cannot see into.
package main

import "fmt"

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Circle struct {
	Radius float64
}

type Rectangle struct {
	Width, Height float64
}

func (c Circle) Area() float64      { return 3.14159 * c.Radius * c.Radius }
func (c Circle) Perimeter() float64 { return 2 * 3.14159 * c.Radius }

func (r Rectangle) Area() float64      { return r.Width * r.Height }
func (r Rectangle) Perimeter() float64 { return 2 * (r.Width + r.Height) }

func totalArea(shapes []Shape) float64 {
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	return total
}

func run() {
	shapes := []Shape{Circle{Radius: 1}, Rectangle{Width: 2, Height: 3}}
	fmt.Printf("total area: %.2f\n", totalArea(shapes))
	for _, s := range shapes {
		fmt.Printf("%T perimeter %.1f\n", s, s.Perimeter())
	}
}

func main() {
	run()
}
