// entry: arrayOfStructs

package main

type Particle struct {
	X  int
	Y  int
	VX int
	VY int
}

func step(p *Particle) {
	p.X += p.VX
	p.Y += p.VY
}

func arrayOfStructs() int {
	var ps [4]Particle
	for i := range ps {
		ps[i] = Particle{X: i, Y: 0, VX: 1, VY: i}
	}
	for t := 0; t < 3; t++ {
		for i := range ps {
			step(&ps[i])
		}
	}
	total := 0
	for _, p := range ps {
		total += p.X + p.Y
	}
	return total
}

func main() {
	println(arrayOfStructs())
}
