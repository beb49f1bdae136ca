// title: A thousand boxes
// entry: createManyBoxes
// lesson: escape
// claim: Taking the address of a loop-local value quietly moves it to the heap: one allocation per iteration, plus the slice.
// pair: rust/create_many_boxes
// par: 523

package main

// createManyBoxes returns 1000 pointers, each to its own value.
func createManyBoxes() []*int {
	boxes := make([]*int, 1000)
	for i := range boxes {
		value := i
		boxes[i] = &value
	}
	return boxes
}

func main() {
	println(len(createManyBoxes()))
}
