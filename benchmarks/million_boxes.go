// entry: millionBoxes

package main

// One million loop iterations, each moving `value` to the heap and
// appending its address: the blog's createManyBoxes, scaled up.
func millionBoxes() int {
	var boxes []*int
	for i := 0; i < 1000000; i++ {
		value := i
		boxes = append(boxes, &value)
	}
	return len(boxes)
}

func main() { println(millionBoxes()) }
