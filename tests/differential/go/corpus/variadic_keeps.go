// entry: run
// A variadic function that stores its slice makes the implicit slice escape.
package main

var saved [][]string

func remember(words ...string) {
	saved = append(saved, words)
}

func count(words ...string) int {
	return len(words)
}

func run() {
	remember("a", "b")
	remember()
	n := count("x", "y", "z")
	_ = n
	saved = nil
}

func main() {
	run()
}
