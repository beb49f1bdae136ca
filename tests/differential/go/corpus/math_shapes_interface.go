// entry: run
// The classic Shape interface with math.Pi: each Rect/Circle stored in the
// []Shape is boxed; the type switch reads them back without allocating.
package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64        { return r.W * r.H }
func (r Rect) Perimeter() float64   { return 2 * (r.W + r.H) }
func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }

func total(shapes []Shape) float64 {
	sum := 0.0
	for _, s := range shapes {
		sum += s.Area()
	}
	return sum
}

func run() {
	shapes := []Shape{Rect{3, 4}, Circle{1}, Rect{1, 1}}
	fmt.Printf("%.2f\n", total(shapes))
	for _, s := range shapes {
		switch v := s.(type) {
		case Rect:
			fmt.Println("rect", v.W, v.H)
		case Circle:
			fmt.Println("circle", v.R)
		}
	}
}

func main() { run() }
