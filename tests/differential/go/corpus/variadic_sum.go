// entry: run
// A variadic function: the extra arguments arrive in an implicit slice,
// which stays on the stack when the function does not keep it.
package main

import "fmt"

func sum(label string, nums ...int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	fmt.Println(label, len(nums), total)
	return total
}

func run() {
	sum("none")
	sum("three", 1, 2, 3)
	values := []int{10, 20, 30, 40}
	sum("spread", values...)
}

func main() {
	run()
}
