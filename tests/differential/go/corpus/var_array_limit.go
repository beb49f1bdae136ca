// entry: varArrayLimit

package main

// Declared variables may be up to 128 KiB on the stack.
func atLimit() int64 {
	var a [16384]int64
	a[1] = 1
	return a[1]
}

func overLimit() int64 {
	var a [16385]int64
	a[1] = 2
	return a[1]
}

func varArrayLimit() int64 {
	return atLimit() + overLimit()
}

func main() {
	println(varArrayLimit())
}
