// entry: run
// Method values: c.Inc is a closure holding &c; kept in a global, it makes
// c move to the heap.
package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc()    { c.n++ }
func (c Counter) Get() int { return c.n }

var keep func()

func apply(f func(), times int) {
	for i := 0; i < times; i++ {
		f()
	}
}

func local() int {
	c := Counter{}
	inc := c.Inc
	inc()
	apply(c.Inc, 3)
	get := c.Get
	return get()
}

func global() int {
	var c Counter
	keep = c.Inc
	keep()
	keep()
	keep = nil
	return c.n
}

func run() {
	fmt.Println(local(), global())
}

func main() {
	run()
}
