// entry: loopvarClosures

package main

func loopvarClosures() int {
	var fs []func() int
	xs := []int{10, 20, 30}
	for i, x := range xs {
		fs = append(fs, func() int { return i + x })
	}
	total := 0
	for _, f := range fs {
		total += f()
	}
	return total
}

func main() {
	println(loopvarClosures())
}
