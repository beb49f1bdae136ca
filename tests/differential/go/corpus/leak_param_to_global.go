// entry: leakToGlobal

package main

var saved *int

// store leaks its parameter to the heap (a global).
func store(p *int) {
	saved = p
}

func leakToGlobal() int {
	x := 5
	store(&x)
	v := *saved
	saved = nil
	return v
}

func main() {
	println(leakToGlobal())
}
