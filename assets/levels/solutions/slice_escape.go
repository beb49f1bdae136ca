// title: Why did my slice escape? (solution)
// entry: sumSquares

package main

// fill writes into a buffer its caller owns: the slice never outlives the caller.
func fill(s []int) {
	for i := range s {
		s[i] = i * i
	}
}

func sumSquares() int {
	var buf [8]int
	fill(buf[:])
	total := 0
	for _, v := range buf {
		total += v
	}
	return total
}

func main() {
	println(sumSquares())
}
