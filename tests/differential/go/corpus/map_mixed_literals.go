// entry: run
// Maps in the places teaching code puts them: a dispatch table of funcs, a
// map inside a struct literal, a slice of map literals with elided types,
// map[string][]string, array keys, and a switch on a lookup.
package main

import "fmt"

type Config struct {
	name string
	opts map[string]bool
}

func double(n int) int { return n * 2 }

func run() {
	ops := map[string]func(int) int{
		"double": double,
		"square": func(n int) int { return n * n },
	}
	fmt.Println(ops["double"](4), ops["square"](5))
	cfg := Config{name: "x", opts: map[string]bool{"verbose": true}}
	if cfg.opts["verbose"] {
		fmt.Println("verbose", len(cfg.opts))
	}
	rows := []map[string]int{{"a": 1}, {"b": 2, "c": 3}}
	total := 0
	for _, r := range rows {
		total += len(r)
	}
	tags := map[string][]string{"go": {"fast", "simple"}, "rust": {"safe"}}
	fmt.Println(total, len(tags["go"]), tags["rust"][0])
	grid := map[[2]int]string{{0, 0}: "origin", {1, 2}: "p"}
	fmt.Println(grid[[2]int{1, 2}], len(grid))
	switch cfg.opts["quiet"] {
	case true:
		fmt.Println("quiet")
	default:
		fmt.Println("loud")
	}
}

func main() {
	run()
}
