// entry: run
// Joining fields with a Builder, WriteRune and Reset.
package main

import (
	"fmt"
	"strings"
)

func join(fields []string, sep rune) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteRune(sep)
		}
		b.WriteString(f)
	}
	return b.String()
}

func run() {
	line := join([]string{"name", "age", "city"}, ';')
	fmt.Println(line)
	var b strings.Builder
	b.WriteString("temporary")
	fmt.Println(b.Len())
	b.Reset()
	b.WriteString("é")
	fmt.Println(b.String(), b.Len())
}

func main() {
	run()
}
