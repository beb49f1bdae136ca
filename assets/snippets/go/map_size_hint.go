// title: make(map) with a size hint
// entry: mapHint
// lesson: growth
// claim: A size hint is only a suggestion: a map filled to 500 entries costs the same allocations with or without make(map[int]int, 500).
// truth: Without the hint the table is rebuilt each time 7/8 of it fills (16, 32, ..., 1024 slots): 15 allocations. With the hint make sizes one 1024-slot table at once: 3 allocations (the table, its groups, the directory), and filling it allocates nothing more.
// par: 492

package main

func fill(m map[int]int, n int) int {
	for i := 0; i < n; i++ {
		m[i] = i
	}
	return len(m)
}

func mapHint() int {
	grown := make(map[int]int)
	sized := make(map[int]int, 500)
	return fill(grown, 500) + fill(sized, 500)
}

func main() {
	println(mapHint())
}
