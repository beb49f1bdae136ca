// entry: run
// A graph as a map of adjacency slices inside a struct, and a breadth-first
// search with a map[string]bool of visited nodes: the graph's map escapes
// with the *Graph; the visited set stays in reach's frame until it outgrows
// one group.
package main

import "fmt"

type Graph struct {
	edges map[string][]string
}

func NewGraph() *Graph {
	return &Graph{edges: make(map[string][]string)}
}

func (g *Graph) Add(a, b string) {
	g.edges[a] = append(g.edges[a], b)
	g.edges[b] = append(g.edges[b], a)
}

func (g *Graph) Degree(n string) int { return len(g.edges[n]) }

type Counter struct {
	hits map[string]*int
}

func reach(g *Graph, start string) int {
	seen := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, nb := range g.edges[cur] {
			if _, ok := seen[nb]; !ok {
				seen[nb] = true
				queue = append(queue, nb)
			}
		}
	}
	return len(seen)
}

func run() {
	g := NewGraph()
	g.Add("a", "b")
	g.Add("b", "c")
	g.Add("d", "e")
	c := Counter{hits: map[string]*int{}}
	n := 0
	c.hits["x"] = &n
	*c.hits["x"] += 3
	var total int
	for k := range g.edges {
		total += g.Degree(k)
	}
	fmt.Println(reach(g, "a"), reach(g, "d"), total, n)
}

func main() {
	run()
}
