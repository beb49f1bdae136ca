// entry: closureImmediate

package main

func closureImmediate() int {
	total := 0
	for i := 0; i < 5; i++ {
		sq := func() int {
			return i * i
		}()
		total += sq
	}
	double := func(x int) int { return 2 * x }
	return double(total)
}

func main() {
	println(closureImmediate())
}
