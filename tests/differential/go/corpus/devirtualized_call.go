// entry: area
// When the compiler can see which concrete type an interface holds, it calls
// the method directly (devirtualization) and the value stays on the stack.
package main

type Shape interface {
	Area() float64
}

type Circle struct {
	R float64
}

func (c Circle) Area() float64 { return 3 * c.R * c.R }

func area() float64 {
	var s Shape = Circle{R: 2}
	return s.Area()
}

func main() {
	area()
}
