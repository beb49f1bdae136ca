// entry: run
// Word frequencies printed with fmt.Println(counts): fmt sorts the keys.
// The map escapes (fmt.Println's argument), so its header and its group
// are on the heap.
package main

import (
	"fmt"
	"strings"
)

func frequencies(text string) map[string]int {
	counts := map[string]int{}
	var word strings.Builder
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' {
			if word.Len() > 0 {
				counts[word.String()]++
				word.Reset()
			}
			continue
		}
		word.WriteByte(text[i])
	}
	return counts
}

func run() {
	fmt.Println(frequencies("the cat and the hat and the bat"))
}

func main() {
	run()
}
