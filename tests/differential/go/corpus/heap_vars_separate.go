// entry: separate

package main

var gi [2]*int
var gpp [2]**int
var gs [2]*string

// Escaping variables that hold pointers.
func pointerVars() {
	var x *int
	var y *int
	gpp[0], gpp[1] = &x, &y
}

func stringVars() {
	x, y := "a", "b"
	gs[0], gs[1] = &x, &y
}

// Escaping variables in different blocks.
func blocks(c bool) {
	a := 1
	if c {
		b := 2
		gi[1] = &b
	}
	gi[0] = &a
}

// Two escaping new(int).
func twoNews() {
	gi[0] = new(int)
	gi[1] = new(int)
}

func separate() int {
	pointerVars()
	stringVars()
	blocks(true)
	n := *gi[0] + *gi[1]
	twoNews()
	gi = [2]*int{}
	gpp = [2]**int{}
	gs = [2]*string{}
	return n
}

func main() {
	println(separate())
}
