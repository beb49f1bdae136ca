// entry: concatShort

package main

// The result does not escape and fits the 32-byte stack buffer.
func greet(name string) int {
	s := "hi, " + name + "!"
	return len(s)
}

func concatShort() int {
	return greet("gopher")
}

func main() {
	println(concatShort())
}
