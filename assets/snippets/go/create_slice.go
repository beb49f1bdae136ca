// title: Return a slice
// entry: createSlice
// lesson: allocation
// claim: A slice returned to the caller outlives the function, so its backing array is allocated on the heap.
// pair: rust/create_vec
// par: 725

package main

func createSlice() []int {
	squares := make([]int, 0, 8)
	for i := 0; i < 8; i++ {
		squares = append(squares, i*i)
	}
	return squares
}

func main() {
	println(len(createSlice()))
}
