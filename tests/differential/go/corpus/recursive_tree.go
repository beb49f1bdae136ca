// entry: recursiveTree

package main

type Tree struct {
	Left  *Tree
	Right *Tree
	Val   int
}

func build(depth int) *Tree {
	if depth == 0 {
		return nil
	}
	return &Tree{Left: build(depth - 1), Right: build(depth - 1), Val: depth}
}

func sum(t *Tree) int {
	if t == nil {
		return 0
	}
	return t.Val + sum(t.Left) + sum(t.Right)
}

func recursiveTree() int {
	return sum(build(5))
}

func main() {
	println(recursiveTree())
}
