// title: Sum a linked list
// entry: linkedListSum
// lesson: cache
// claim: Walking a linked list chases a pointer per element into separate heap objects, which is slow for the cache compared with a slice of structs.
// par: 547

package main

type Node struct {
	Value int
	Next  *Node
}

func buildList(n int) *Node {
	var head *Node
	for i := n - 1; i >= 0; i-- {
		head = &Node{Value: i, Next: head}
	}
	return head
}

func linkedListSum() int {
	head := buildList(256)
	total := 0
	for n := head; n != nil; n = n.Next {
		total += n.Value
	}
	return total
}

func main() {
	println(linkedListSum())
}
