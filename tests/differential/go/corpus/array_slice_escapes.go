// entry: arraySliceEscapes

package main

// Slicing a local array and returning the slice moves the array to the heap.
func window() []int {
	var a [8]int
	for i := range a {
		a[i] = i * 3
	}
	return a[2:6]
}

func arraySliceEscapes() int {
	w := window()
	return w[0] + w[3] + len(w) + cap(w)
}

func main() {
	println(arraySliceEscapes())
}
