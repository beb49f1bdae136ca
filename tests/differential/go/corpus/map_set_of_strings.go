// entry: run
// A set as map[string]bool: de-duplicating names. A missing key reads as
// false, the zero value.
package main

import "fmt"

func unique(names []string) int {
	seen := map[string]bool{}
	n := 0
	for _, name := range names {
		if !seen[name] {
			seen[name] = true
			n++
		}
	}
	return n
}

func run() {
	fmt.Println(unique([]string{"ann", "bob", "ann", "cy", "bob"}))
}

func main() {
	run()
}
