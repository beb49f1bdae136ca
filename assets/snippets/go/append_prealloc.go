// title: append with preallocation
// entry: appendPrealloc
// lesson: growth
// claim: make([]int, 0, n) reserves the capacity up front, so n appends make a single allocation.
// par: 634

package main

func appendPrealloc() []int {
	nums := make([]int, 0, 100)
	for i := 0; i < 100; i++ {
		nums = append(nums, i)
	}
	return nums
}

func main() {
	println(len(appendPrealloc()))
}
