// title: Short-lived values (solution)
// entry: gcChurn

package main

type Particle struct {
	X  float64
	Y  float64
	VX float64
	VY float64
}

// A local value that nothing outlives: no allocation, nothing to collect.
func gcChurn() int {
	n := 0
	for i := 0; i < 200; i++ {
		p := Particle{X: float64(i), VX: 1}
		n += int(p.X + p.VX)
	}
	return n
}

func main() {
	println(gcChurn())
}
