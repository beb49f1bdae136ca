// entry: run
// Word count with a map: the classic first map program. The map never
// leaves countWords, and four distinct words fit in one group of 8 slots,
// so the compiler keeps the map header and its group in the frame.
package main

import "fmt"

func countWords(words []string) int {
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	return counts["go"]*100 + len(counts)
}

func run() {
	words := []string{"go", "is", "fun", "go", "go", "rust"}
	fmt.Println(countWords(words))
}

func main() {
	run()
}
