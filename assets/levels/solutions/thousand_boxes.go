// title: A thousand values (solution)
// entry: createManyBoxes

package main

// One slice of values: one allocation, not one per element.
func createManyBoxes() []int {
	values := make([]int, 1000)
	for i := range values {
		values[i] = i
	}
	return values
}

func main() {
	println(len(createManyBoxes()))
}
