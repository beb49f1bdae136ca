// entry: concatEscapes

package main

var last string

func join(a, b string) string {
	return a + "/" + b
}

func remember(a, b string) {
	last = a + b
}

func concatEscapes() int {
	p := join("usr", "lib")
	remember("x", "y")
	n := len(p) + len(last)
	last = ""
	println(p)
	return n
}

func main() {
	println(concatEscapes())
}
