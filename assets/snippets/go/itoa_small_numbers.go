// title: strconv.Itoa and small numbers
// entry: labels
// lesson: escape
// claim: strconv.Itoa always allocates a new string for the digits.
// truth: Numbers 0 to 99 come from a static table in strconv (small), so they cost nothing; only 100..104 allocate here: 5 allocations, not 10.
// par: 718

package main

import (
	"fmt"
	"strconv"
)

func labels() {
	n := 0
	for i := 95; i < 105; i++ {
		n += len(strconv.Itoa(i))
	}
	fmt.Println(n, "digits")
}

func main() {
	labels()
}
