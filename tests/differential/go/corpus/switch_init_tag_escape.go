// entry: pick

package main

type point struct{ x, y int }

var last *point

// A switch with an init statement: the address taken in one case escapes,
// the one in the other case stays on the stack.
func pick() int {
	sum := 0
	for i := 0; i < 4; i++ {
		switch p := (point{i, i * 2}); p.x % 3 {
		case 0:
			q := &p
			sum += q.y
		case 1:
			last = &point{p.x, p.y}
		default:
			sum--
		}
	}
	println(sum, last.x)
	return sum
}

func main() {
	pick()
}
