// entry: run
// Pointer receivers: only *Square implements Scaler, so we store pointers.
package main

import "fmt"

type Scaler interface {
	Scale(f float64)
	Size() float64
}

type Square struct {
	Side float64
}

func (s *Square) Scale(f float64) { s.Side *= f }
func (s *Square) Size() float64    { return s.Side * s.Side }

func grow(items []Scaler) {
	for _, it := range items {
		it.Scale(2)
	}
}

func run() {
	a := &Square{1}
	b := &Square{3}
	items := []Scaler{a, b}
	grow(items)
	fmt.Println(a.Size(), b.Size(), a, b)
}

func main() {
	run()
}
