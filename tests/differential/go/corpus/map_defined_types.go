// entry: run
// Defined map types with methods: type Set map[string]bool and a Graph of
// adjacency slices. A map literal of the underlying type can be returned as
// a Set. A closure keeping its own map makes the map escape with it.
package main

import "fmt"

type Set map[string]bool

func (s Set) Add(k string)      { s[k] = true }
func (s Set) Has(k string) bool { return s[k] }

type Graph map[string][]string

func (g Graph) Link(a, b string) {
	g[a] = append(g[a], b)
}

func newSet() Set {
	return map[string]bool{}
}

func counter() func(string) int {
	counts := map[string]int{}
	return func(w string) int {
		counts[w]++
		return counts[w]
	}
}

func run() {
	s := Set{}
	s.Add("a")
	s.Add("b")
	t := newSet()
	t.Add("c")
	g := make(Graph)
	g.Link("x", "y")
	g.Link("x", "z")
	fmt.Println(s.Has("a"), s.Has("z"), len(s), len(t), len(g["x"]))
	c := counter()
	c("x")
	fmt.Println(c("x"))
	fmt.Println(s)
}

func main() {
	run()
}
