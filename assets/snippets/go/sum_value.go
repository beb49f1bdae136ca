// title: Sum two values
// entry: sumValue
// lesson: basics
// claim: Values passed by value live in the stack frames of caller and callee; allocating them is just a stack-pointer bump.
// pair: rust/sum_value
// par: 776

package main

// add gets copies of its arguments in its own frame.
func add(x, y int) int {
	return x + y
}

func sumValue() int {
	a := 1
	b := 2
	return add(a, b)
}

func main() {
	println(sumValue())
}
