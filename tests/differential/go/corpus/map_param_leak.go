// entry: run
// Passing a map to a function: reading it does not make it escape, but a
// function that keeps it (in a global) does.
package main

import "fmt"

var registry map[string]int

func total(m map[string]int) int {
	sum := 0
	for _, v := range m {
		sum += v
	}
	return sum
}

func register(m map[string]int) {
	registry = m
}

func run() {
	local := map[string]int{"a": 1, "b": 2}
	kept := map[string]int{"c": 3}
	register(kept)
	fmt.Println(total(local), total(registry))
	registry = nil
}

func main() {
	run()
}
