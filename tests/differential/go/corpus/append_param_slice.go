// entry: appendParam

package main

// push leaks s to its result; the append may allocate a new backing array.
func push(s []int, v int) []int {
	return append(s, v)
}

func appendParam() int {
	buf := make([]int, 0, 2)
	buf = push(buf, 1)
	buf = push(buf, 2)
	buf = push(buf, 3)
	return len(buf) + cap(buf)
}

func main() {
	println(appendParam())
}
