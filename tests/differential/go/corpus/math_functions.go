// entry: run
// math in teaching code: Sqrt, Pow (Go's own repeated squaring), Max/Min, Round,
// constants folded exactly; float64s in and out, nothing escapes but what fmt boxes.
package main

import (
	"fmt"
	"math"
)

type Point struct{ X, Y float64 }

func dist(a, b Point) float64 {
	dx, dy := a.X-b.X, a.Y-b.Y
	return math.Sqrt(dx*dx + dy*dy)
}

func run() {
	p, q := Point{0, 0}, Point{3, 4}
	fmt.Println(dist(p, q))
	fmt.Printf("%.4f %v\n", math.Pi*2, math.Pow(1.1, 7))
	fmt.Println(math.Max(3, 7), math.Min(-0.0, 0), math.Abs(-2.5), math.Floor(-2.5), math.Ceil(2.1), math.Round(-2.5), math.Trunc(9.99))
	fmt.Println(math.MaxInt64, math.Inf(1), math.IsNaN(math.Sqrt(-1)), math.Pow(2, -3), math.Pow(3, 40))
	area := math.Pi * 2 * 2
	fmt.Println(area)
}

func main() { run() }
