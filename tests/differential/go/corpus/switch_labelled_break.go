// entry: search

package main

// `break` inside a switch leaves the switch only; a labelled break leaves the loop.
func search() int {
	grid := [][]int{{1, 2, 3}, {4, -1, 6}, {7, 8, 9}}
	found := 0
rows:
	for r, row := range grid {
		for c, v := range row {
			switch {
			case v < 0:
				found = r*10 + c
				break rows
			case v%2 == 0:
				continue
			case v == 3:
				break
			}
			found++
		}
	}
	println(found)
	return found
}

func main() {
	search()
}
