// entry: storeIntoLocalArray

package main

type Cell struct {
	V int
}

// The array never escapes, but each &Cell{} is made inside the loop and
// kept in cells, declared outside it: the object must outlive its
// iteration, so it escapes all the same.
func storeIntoLocalArray() int {
	var cells [8]*Cell
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
	println(storeIntoLocalArray())
}
