// entry: nestedComposite

package main

type Point struct {
	X int
	Y int
}

type Line struct {
	A Point
	B Point
}

type Shape struct {
	Name  string
	Lines []Line
}

func triangle() Shape {
	return Shape{
		Name: "tri",
		Lines: []Line{
			{A: Point{0, 0}, B: Point{4, 0}},
			{A: Point{4, 0}, B: Point{0, 3}},
			{A: Point{0, 3}, B: Point{0, 0}},
		},
	}
}

func localGrid() int {
	grid := [2][3]int{{1, 2, 3}, {4, 5, 6}}
	pts := []Point{{1, 1}, {2, 2}}
	return grid[1][2] + pts[1].X
}

func nestedComposite() int {
	s := triangle()
	total := 0
	for _, l := range s.Lines {
		total += l.B.X + l.B.Y
	}
	return total + len(s.Name) + localGrid()
}

func main() {
	println(nestedComposite())
}
