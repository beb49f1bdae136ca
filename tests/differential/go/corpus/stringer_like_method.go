// entry: run
// Calling a method through an interface in a loop.
package main

import "fmt"

type Namer interface {
	Name() string
}

type Cat struct{ n string }
type Robot struct{ id int }

func (c Cat) Name() string    { return c.n }
func (r *Robot) Name() string { return fmt.Sprintf("robot-%d", r.id) }

func names(xs []Namer) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, x.Name())
	}
	return out
}

func run() {
	list := []Namer{Cat{"tom"}, &Robot{7}, Cat{"felix"}}
	fmt.Println(names(list))
}

func main() {
	run()
}
