// entry: run
// A map of maps: counting pairs. Each inner map is made on first use and
// stored in the outer map, so every inner map escapes to the heap.
package main

import "fmt"

func pairs(words []string) int {
	follow := make(map[string]map[string]int)
	for i := 0; i+1 < len(words); i++ {
		inner, ok := follow[words[i]]
		if !ok {
			inner = make(map[string]int)
			follow[words[i]] = inner
		}
		inner[words[i+1]]++
	}
	return follow["a"]["b"]*10 + len(follow)
}

func run() {
	fmt.Println(pairs([]string{"a", "b", "a", "b", "c", "a"}))
}

func main() {
	run()
}
