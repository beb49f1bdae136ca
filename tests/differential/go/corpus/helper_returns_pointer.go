// entry: useHelper

package main

type Acc struct {
	Total int
	N     int
}

func newAcc() *Acc {
	return &Acc{}
}

func (a *Acc) Add(v int) {
	a.Total += v
	a.N++
}

// Without inlining, the &Acc{} made by newAcc escapes even though
// useHelper never lets the pointer out.
func useHelper() int {
	a := newAcc()
	for i := 1; i <= 5; i++ {
		a.Add(i)
	}
	return a.Total * a.N
}

func main() {
	println(useHelper())
}
