// entry: growLocal

package main

// The slice never escapes: the compiler reports append does not escape,
// but growth past the stack buffer still allocates at run time.
func growLocal() int {
	var s []int64
	for i := 0; i < 30; i++ {
		s = append(s, int64(i))
	}
	total := int64(0)
	for _, v := range s {
		total += v
	}
	return int(total) + cap(s)
}

func main() {
	println(growLocal())
}
