// entry: labels
// strconv.Itoa returns static strings for 0..99: no allocation.
package main

import "strconv"

func labels() int {
	total := 0
	for i := 0; i < 100; i++ {
		total += len(strconv.Itoa(i))
	}
	return total
}

func main() {
	labels()
}
