// entry: run
// A type switch: each clause gets its own variable of the case's type.
package main

import "fmt"

type Point struct {
	X, Y int
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprintf("int %d", x*2)
	case string:
		return "string of length " + fmt.Sprint(len(x))
	case bool, float64:
		return fmt.Sprintf("bool or float: %v", x)
	case Point:
		return fmt.Sprintf("point at %d,%d", x.X, x.Y)
	case *Point:
		return "pointer to " + describe(*x)
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func run() {
	values := []any{nil, 21, "hello", true, 2.5, Point{1, 2}, &Point{3, 4}, []int{1}}
	for _, v := range values {
		fmt.Println(describe(v))
	}
}

func main() {
	run()
}
