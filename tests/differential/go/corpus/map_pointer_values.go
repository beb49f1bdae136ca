// entry: run
// Values stored in a map go to the heap: storing &p makes p move to the
// heap even though the map itself stays in the frame.
package main

import "fmt"

type Player struct {
	Name  string
	Score int
}

func best() int {
	p := Player{"ann", 7}
	q := Player{"bob", 9}
	byName := make(map[string]*Player)
	byName[p.Name] = &p
	byName[q.Name] = &q
	byName["ann"].Score += 5
	return p.Score + byName["bob"].Score
}

func run() {
	fmt.Println(best())
}

func main() {
	run()
}
