// entry: leakToResult

package main

// identity leaks p only to its result.
func identity(p *int) *int {
	return p
}

// leakToResult keeps the result local, so x stays on the stack.
func leakToResult() int {
	x := 7
	y := identity(&x)
	*y += 1
	return x
}

func main() {
	println(leakToResult())
}
