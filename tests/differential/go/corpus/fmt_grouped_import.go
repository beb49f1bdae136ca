// entry: main
// A grouped import, and Println of expressions.
package main

import (
	"fmt"
	"strconv"
)

func report(scores []int) {
	sum := 0
	for _, s := range scores {
		sum += s
	}
	fmt.Println("count", len(scores), "sum", sum, "avg", sum/len(scores))
	fmt.Println("as text: " + strconv.Itoa(sum))
}

func main() {
	report([]int{90, 85, 77, 100})
}
