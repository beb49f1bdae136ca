// title: &Point{} in a loop
// entry: structInLoop
// lesson: escape
// claim: &T{} allocates a new object on the heap every time it runs.
// truth: Only the &Point{} stored in the returned slice escapes (100 heap objects); the one used and dropped inside the loop stays on the stack.
// par: 593

package main

type Point struct {
	X int
	Y int
}

// sumLocal takes &Point{} but never lets the pointer out.
func sumLocal() int {
	total := 0
	for i := 0; i < 100; i++ {
		p := &Point{X: i, Y: 2 * i}
		total += p.X + p.Y
	}
	return total
}

// collect keeps every pointer in a slice it returns.
func collect() []*Point {
	points := make([]*Point, 0, 100)
	for i := 0; i < 100; i++ {
		points = append(points, &Point{X: i, Y: 2 * i})
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
