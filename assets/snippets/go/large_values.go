// title: Too big for the stack
// entry: largeValues
// lesson: allocation
// claim: A value that never escapes always lives on the stack, however large it is.
// truth: The compiler has size limits: a declared variable over 128 KiB (`big`, 160 KB) and a new/make/&T{} over 64 KiB (`make([]byte, 70000)`) are moved to the heap although nothing escapes.
// par: 458

package main

func largeValues() int {
	var small [1000]int64
	var big [20000]int64
	buf := make([]byte, 70000)
	scratch := make([]byte, 1000)
	small[1] = 1
	big[2] = 2
	buf[3] = 3
	scratch[4] = 4
	return int(small[1]+big[2]) + int(buf[3]) + int(scratch[4])
}

func main() {
	println(largeValues())
}
