// title: Sum a slice of structs (solution)
// entry: linkedListSum

package main

type Node struct {
	Value int
}

// One contiguous array of nodes instead of 256 separate objects.
func linkedListSum() int {
	var nodes [256]Node
	for i := range nodes {
		nodes[i].Value = i
	}
	total := 0
	for i := range nodes {
		total += nodes[i].Value
	}
	return total
}

func main() {
	println(linkedListSum())
}
