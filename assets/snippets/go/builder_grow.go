// title: strings.Builder with Grow
// entry: csvLine
// lesson: allocation
// claim: Building a string piece by piece allocates for every piece, whether you use += or a strings.Builder.
// truth: += copies the whole string for nearly every piece, but a Builder told the final size with Grow allocates its buffer once, and String() hands that buffer out without copying: 1 allocation for 19 pieces.
// par: 708

package main

import (
	"fmt"
	"strings"
)

func csvLine() {
	var sb strings.Builder
	sb.Grow(64)
	for i := 0; i < 10; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("field")
	}
	line := sb.String()
	fmt.Println(len(line))
}

func main() {
	csvLine()
}
