// title: A small local map
// entry: smallMap
// lesson: allocation
// claim: A Go map always lives on the heap: make(map[string]int) allocates every time it runs.
// truth: A map that does not escape, with at most 8 entries, gets its header and its one group of 8 slots in the frame: smallMap allocates nothing. Only the 9th entry in bigMap moves it to heap tables (a table, its groups and a directory: 3 allocations).
// par: 661

package main

func count(m map[string]int, words []string) int {
	for _, w := range words {
		m[w]++
	}
	return len(m)
}

func smallMap() int {
	seen := make(map[string]int)
	n := count(seen, []string{"a", "b", "a", "c"})
	big := make(map[int]int)
	for i := 0; i < 9; i++ {
		big[i] = i
	}
	return n + len(big)
}

func main() {
	println(smallMap())
}
