// entry: sliceOfSlices

package main

func matrix(rows, cols int) [][]int {
	m := make([][]int, rows)
	for r := range m {
		m[r] = make([]int, cols)
		for c := range m[r] {
			m[r][c] = r * c
		}
	}
	return m
}

func sliceOfSlices() int {
	m := matrix(3, 4)
	total := 0
	for _, row := range m {
		for _, v := range row {
			total += v
		}
	}
	return total
}

func main() {
	println(sliceOfSlices())
}
