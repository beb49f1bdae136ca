// title: Plain values
// entry: efficientSum
// lesson: basics
// claim: The same sum with plain values needs fewer memory operations than going through pointers.
// par: 787

package main

func efficientSum() int {
	a := 1
	b := 2
	return a + b
}

func main() {
	println(efficientSum())
}
