// entry: newBigTypes

package main

func newBigTypes() int {
	small := new([100]int64)
	exact := new([8192]int64)
	over := new([8193]int64)
	small[0] = 1
	exact[0] = 2
	over[0] = 3
	return int(small[0] + exact[0] + over[0])
}

func main() {
	println(newBigTypes())
}
