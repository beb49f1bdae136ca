// entry: storeIntoLocalSlice

package main

type Cell struct {
	V int
}

// Storing a pointer into a slice element sends it to the heap, even when
// the slice itself never leaves the function.
func storeIntoLocalSlice() int {
	cells := make([]*Cell, 8)
	for i := range cells {
		cells[i] = &Cell{V: i}
	}
	total := 0
	for _, c := range cells {
		total += c.V
	}
	return total
}

func main() {
	println(storeIntoLocalSlice())
}
