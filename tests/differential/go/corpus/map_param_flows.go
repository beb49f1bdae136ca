// entry: run
// What escape analysis concludes about map parameters: keys stored into a
// map leak ("key of map put"), keys only looked up or deleted do not, and
// values read by range come from the map's contents (leaking param
// content).
package main

import "fmt"

type Item struct{ name string }

var last *Item
var lastKey *int

func keepValues(m map[string]*Item) {
	for _, v := range m {
		last = v
	}
}

func keepKeys(m map[*int]bool) {
	for k := range m {
		lastKey = k
	}
}

func lookupOnly(m map[*int]bool, p *int) bool {
	return m[p]
}

func store(m map[*int]bool, p *int) {
	m[p] = true
}

func deleteOnly(m map[*int]bool, p *int) {
	delete(m, p)
}

func run() {
	a := Item{"a"}
	keepValues(map[string]*Item{"a": &a})
	x, y := 1, 2
	keepKeys(map[*int]bool{&x: true})
	m := map[*int]bool{}
	store(m, &y)
	z := 3
	fmt.Println(lookupOnly(m, &z), len(m), last.name)
	deleteOnly(m, &z)
	last, lastKey = nil, nil
}

func main() {
	run()
}
