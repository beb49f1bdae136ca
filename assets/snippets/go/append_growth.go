// title: append without preallocation
// entry: appendGrowth
// lesson: growth
// claim: Appending to a nil slice allocates a new, doubled backing array on the heap every time the capacity runs out: 100 appends cost 8 allocations (capacities 1, 2, 4, ..., 128).
// truth: The compiler gives append a 32-byte stack buffer, so the first four ints cost nothing; only the arrays of capacity 8, 16, 32, 64 and 128 come from the heap (5 allocations).
// par: 634

package main

func appendGrowth() []int {
	var nums []int
	for i := 0; i < 100; i++ {
		nums = append(nums, i)
	}
	return nums
}

func main() {
	println(len(appendGrowth()))
}
