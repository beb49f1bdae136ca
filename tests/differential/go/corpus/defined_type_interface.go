// entry: run
// A defined integer type satisfying an interface: converting it allocates
// like any int (convT64), and small values stay free.
package main

import "fmt"

type Sizer interface {
	Size() int
}

type Bytes int

func (b Bytes) Size() int { return int(b) }

type Name string

func (n Name) Size() int { return len(n) }

func total(items []Sizer) int {
	t := 0
	for _, it := range items {
		t += it.Size()
	}
	return t
}

func run() {
	big := Bytes(4096)
	big++
	items := []Sizer{Bytes(10), big, Name("gopher")}
	fmt.Println(total(items))
}

func main() {
	run()
}
