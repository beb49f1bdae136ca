// title: Values in a loop (solution)
// entry: structInLoop

package main

type Point struct {
	X int
	Y int
}

func sumLocal() int {
	total := 0
	for i := 0; i < 100; i++ {
		p := Point{X: i, Y: 2 * i}
		total += p.X + p.Y
	}
	return total
}

func collect() []Point {
	points := make([]Point, 0, 100)
	for i := 0; i < 100; i++ {
		points = append(points, Point{X: i, Y: 2 * i})
	}
	return points
}

func structInLoop() int {
	points := collect()
	return sumLocal() + len(points)
}

func main() {
	println(structInLoop())
}
