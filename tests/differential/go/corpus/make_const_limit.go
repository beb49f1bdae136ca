// entry: makeConstLimit

package main

// 64 KiB is the largest implicit stack object: 65536 stays, 65537 moves.
func makeConstLimit() int {
	atLimit := make([]byte, 65536)
	overLimit := make([]byte, 65537)
	atLimit[0] = 1
	overLimit[0] = 2
	return int(atLimit[0]) + int(overLimit[0]) + len(atLimit) + len(overLimit)
}

func main() {
	println(makeConstLimit())
}
