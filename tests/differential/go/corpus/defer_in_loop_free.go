// entry: run
// Which deferred calls in a loop cost nothing: a call with no parameters
// and no results is deferred as it is, and a call whose arguments are all
// constants gets a wrapper closure with nothing to capture (static data).
// Only the call that passes a variable allocates, once per iteration.
package main

import "fmt"

var total int

func tick()     { total++ }
func add(n int) { total += n }

func tally(n int) {
	for i := 0; i < n; i++ {
		defer tick()
		defer add(10)
		defer add(i)
	}
}

func run() {
	total = 0
	tally(5)
	fmt.Println(total)
}

func main() {
	run()
}
