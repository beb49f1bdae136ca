// entry: run
// strings.Builder versus += in a loop: the Builder's buffer grows like
// append (a few reallocations); += copies the whole string every time.
package main

import (
	"fmt"
	"strings"
)

func withPlus(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "ab"
	}
	return s
}

func withBuilder(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString("ab")
	}
	return sb.String()
}

func run() {
	a := withPlus(50)
	b := withBuilder(50)
	fmt.Println(len(a), len(b), a == b)
}

func main() {
	run()
}
