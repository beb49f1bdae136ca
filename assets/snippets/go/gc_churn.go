// title: Short-lived garbage
// entry: gcChurn
// lesson: gc
// claim: Every escaping object, however short-lived, is a heap allocation that the garbage collector must later find dead and sweep.
// par: 600

package main

type Particle struct {
	X  float64
	Y  float64
	VX float64
	VY float64
}

var current *Particle

func gcChurn() int {
	n := 0
	for i := 0; i < 200; i++ {
		p := &Particle{X: float64(i), VX: 1}
		current = p
		n += int(current.X + current.VX)
	}
	current = nil
	return n
}

func main() {
	println(gcChurn())
}
