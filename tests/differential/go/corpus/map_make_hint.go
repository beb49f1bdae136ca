// entry: run
// make with a size hint: the tables are sized once for the hint, so
// filling the map to the hint allocates nothing more.
package main

import "fmt"

func filled(n int, hint bool) int {
	var m map[int]bool
	if hint {
		m = make(map[int]bool, n)
	} else {
		m = make(map[int]bool)
	}
	for i := 0; i < n; i++ {
		m[i*7] = true
	}
	return len(m)
}

func run() {
	fmt.Println(filled(100, true), filled(100, false))
}

func main() {
	run()
}
