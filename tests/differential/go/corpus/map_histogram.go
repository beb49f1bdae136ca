// entry: run
// A letter histogram with rune keys, then the most common letter found by
// a loop over the alphabet (not over the map, whose order is unspecified).
package main

import "fmt"

func mostCommon(text string) string {
	freq := make(map[rune]int)
	for _, r := range text {
		if r != ' ' {
			freq[r]++
		}
	}
	best, count := 'a', 0
	for r := 'a'; r <= 'z'; r++ {
		if freq[r] > count {
			best, count = r, freq[r]
		}
	}
	return fmt.Sprintf("%c x%d of %d letters", best, count, len(freq))
}

func run() {
	fmt.Println(mostCommon("the quick brown fox jumps over the lazy dog"))
}

func main() {
	run()
}
