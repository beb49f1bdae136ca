// entry: show
// An array value is copied into the interface; its elements are not
// reachable through a pointer, so reflection copies none of them.
package main

import "fmt"

func show() {
	grid := [3]int{1, 2, 3}
	grid[0] = 9
	fmt.Println(grid)
	fmt.Println(&grid)
}

func main() {
	show()
}
