// title: make with a variable size
// entry: smallMake
// lesson: allocation
// claim: make([]int, n) with a size known only at run time must go to the heap.
// truth: It does not escape, and the compiler gives it a small stack buffer (32 bytes): sumFirst(4) allocates nothing, only sumFirst(50) falls back to the heap.
// par: 634

package main

func sumFirst(n int) int {
	nums := make([]int, n)
	total := 0
	for i := range nums {
		nums[i] = i
		total += nums[i]
	}
	return total
}

func smallMake() int {
	return sumFirst(4) + sumFirst(50)
}

func main() {
	println(smallMake())
}
