// title: Sum three locals
// entry: sumThree
// lesson: basics
// claim: Three locals and their sum live in the function's stack frame: no heap at all.
// par: 784

package main

func sumThree() int {
	a := 1
	b := 2
	c := 3
	return a + b + c
}

func main() {
	println(sumThree())
}
