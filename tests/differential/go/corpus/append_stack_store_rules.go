// entry: storeRules

package main

// Only the first append of a slice in the function may take the 32-byte
// stack store (ssagen keys it by the slice variable), appends of s... never
// do, and an append written back to a slice that lives in memory (its
// address is taken) does not either.
func firstSite(n int) int {
	var s []int
	if n > 5 {
		s = append(s, 1)
	}
	s = append(s, 2)
	s = append(s, 3)
	return len(s) + cap(s)
}

func spread() int {
	var s []int
	t := []int{1, 2}
	s = append(s, t...)
	return len(s) + cap(s)
}

func size(p *[]int) int { return len(*p) }

func inMemory() int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	return size(&s)
}

func storeRules() int {
	return firstSite(0) + spread() + inMemory()
}

func main() {
	println(storeRules())
}
