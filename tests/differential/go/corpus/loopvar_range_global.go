// entry: rangeLoop

package main

var kept [5]*int

// The same with range over an integer.
func rangeLoop() int {
	for i := range 5 {
		kept[i] = &i
	}
	total := 0
	for j := range kept {
		total += *kept[j]
		kept[j] = nil
	}
	return total
}

func main() {
	println(rangeLoop())
}
