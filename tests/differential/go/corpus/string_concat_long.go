// entry: concatLong

package main

// The result does not escape but is longer than 32 bytes: it is heap allocated.
func describe(name string) int {
	s := "a rather long description of " + name + " that will not fit"
	return len(s)
}

func concatLong() int {
	return describe("gopher")
}

func main() {
	println(concatLong())
}
