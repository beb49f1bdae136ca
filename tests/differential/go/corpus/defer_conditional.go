// entry: run
// A defer under an if only runs when it was reached (open-coded defer bits).
package main

import "fmt"

type Resource struct {
	name string
	open bool
}

func (r *Resource) Close() {
	r.open = false
	fmt.Println("closed", r.name)
}

func use(name string, keep bool) int {
	r := &Resource{name: name, open: true}
	if !keep {
		defer r.Close()
	}
	if name == "" {
		return -1
	}
	return len(r.name)
}

func run() {
	fmt.Println(use("db", false))
	fmt.Println(use("cache", true))
	fmt.Println(use("", false))
}

func main() {
	run()
}
