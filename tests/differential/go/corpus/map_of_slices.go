// entry: run
// A map of slices: grouping numbers by remainder. Each slice's backing
// array comes from append and lives on the heap, because the map holds it.
package main

import "fmt"

func groups(nums []int) int {
	byRem := make(map[int][]int)
	for _, n := range nums {
		byRem[n%3] = append(byRem[n%3], n)
	}
	return len(byRem[0])*100 + len(byRem[1])*10 + len(byRem[2])
}

func run() {
	fmt.Println(groups([]int{1, 2, 3, 4, 5, 6, 7, 9, 12}))
}

func main() {
	run()
}
