// entry: count
// A local []any whose elements never leave: the conversions stay on the stack.
package main

func count() int {
	x := 1000
	x++
	items := []any{x, "text", 3.5}
	n := 0
	for _, it := range items {
		if it != nil {
			n++
		}
	}
	return n
}

func main() {
	count()
}
