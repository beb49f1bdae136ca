// entry: tupleSwap

package main

type Node struct {
	V    int
	Next *Node
}

func reverse(head *Node) *Node {
	var prev *Node
	for head != nil {
		head, head.Next, prev = head.Next, prev, head
	}
	return prev
}

func tupleSwap() int {
	c := Node{V: 3}
	b := Node{V: 2, Next: &c}
	a := Node{V: 1, Next: &b}
	r := reverse(&a)
	x, y := 1, 2
	x, y = y, x
	return r.V*100 + r.Next.V*10 + x - y
}

func main() {
	println(tupleSwap())
}
