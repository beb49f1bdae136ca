// entry: keepLast

package main

type Rec struct {
	ID   int
	Prev *Rec
}

// Each &Rec{} is kept by the next one and the last is returned.
func chain(n int) *Rec {
	var last *Rec
	for i := 0; i < n; i++ {
		last = &Rec{ID: i, Prev: last}
	}
	return last
}

func keepLast() int {
	total := 0
	for r := chain(20); r != nil; r = r.Prev {
		total += r.ID
	}
	return total
}

func main() {
	println(keepLast())
}
