// entry: loopvarAddress

package main

// Go 1.22: each iteration has its own i, so each &i is a new heap object.
func collectAddresses() []*int {
	var ps []*int
	for i := 0; i < 5; i++ {
		ps = append(ps, &i)
	}
	return ps
}

func loopvarAddress() int {
	total := 0
	for _, p := range collectAddresses() {
		total += *p
	}
	return total
}

func main() {
	println(loopvarAddress())
}
