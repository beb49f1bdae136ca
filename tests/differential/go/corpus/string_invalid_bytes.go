// entry: run
// Strings are bytes, not text: "\xff" and "\xa0" are single invalid bytes that
// Sprintf, concatenation, len and indexing carry through unchanged.
package main

import "fmt"

func run() {
	s := fmt.Sprintf("0\xa0")
	t := "ab\xff" + s
	fmt.Println(len(s), len(t), t[2])
}

func main() { run() }
