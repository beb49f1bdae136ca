// entry: run
// Deleting during range is allowed in Go: entries not yet reached are
// simply not produced. The sum does not depend on the iteration order.
package main

import "fmt"

func dropOdd() int {
	m := map[int]int{1: 10, 2: 20, 3: 30, 4: 40, 5: 50}
	for k := range m {
		if k%2 == 1 {
			delete(m, k)
		}
	}
	sum := 0
	for _, v := range m {
		sum += v
	}
	return sum*10 + len(m)
}

func run() {
	fmt.Println(dropOdd())
}

func main() {
	run()
}
