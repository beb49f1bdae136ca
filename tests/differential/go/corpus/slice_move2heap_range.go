// entry: moveAtRange

package main

// A range statement keeps a pointer to the backing array, so the slice pass
// moves a stack-backed slice to the heap just before the loop; later
// appends then grow the heap copy.
func moveAtRange() int {
	var s []int
	for i := 0; i < 3; i++ {
		s = append(s, i)
	}
	total := 0
	for _, v := range s {
		total += v
	}
	s = append(s, 9)
	var k []int
	for i := 0; i < 2; i++ {
		k = append(k, i)
	}
	for i := range k {
		total += i
	}
	return total + len(s) + cap(s)
}

func main() {
	println(moveAtRange())
}
