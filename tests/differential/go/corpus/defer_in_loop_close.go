// entry: run
// defer inside a loop: the classic "close every file" pattern. Each defer
// wraps its call in a closure holding the argument; in a loop that closure
// goes to the heap, one allocation per iteration. The calls run in reverse
// order when the function returns.
package main

import "fmt"

type File struct {
	name   string
	closed bool
}

var log []string

func (f *File) Close() {
	f.closed = true
	log = append(log, f.name)
}

func processAll(names []string) int {
	files := make([]File, len(names))
	for i, n := range names {
		files[i].name = n
		defer files[i].Close()
	}
	return len(files)
}

func run() {
	log = nil
	n := processAll([]string{"a.txt", "b.txt", "c.txt"})
	fmt.Println(n, log)
	log = nil
}

func main() {
	run()
}
