// entry: build
// With Grow, the Builder allocates its buffer once.
package main

import (
	"strconv"
	"strings"
)

func build() int {
	var sb strings.Builder
	sb.Grow(64)
	for i := 0; i < 20; i++ {
		sb.WriteString(strconv.Itoa(i))
		sb.WriteByte(',')
	}
	return sb.Len() + sb.Cap()
}

func main() {
	build()
}
