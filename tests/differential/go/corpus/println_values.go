// entry: printValues

package main

type Temp struct {
	C float64
}

func printValues() int {
	n := 42
	ok := n > 40
	name := "gopher"
	t := Temp{C: 21.5}
	var small int8 = -3
	var big uint64 = 1 << 40
	println("n =", n, ok, name)
	println(t.C, small, big)
	println()
	println(len(name) + n)
	return n
}

func main() {
	printValues()
}
