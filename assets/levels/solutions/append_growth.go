// title: append without preallocation (solution)
// entry: appendGrowth

package main

// The final length is known up front: reserve it once, append never regrows.
func appendGrowth() []int {
	nums := make([]int, 0, 100)
	for i := 0; i < 100; i++ {
		nums = append(nums, i)
	}
	return nums
}

func main() {
	println(len(appendGrowth()))
}
