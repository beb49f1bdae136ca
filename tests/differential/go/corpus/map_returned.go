// entry: run
// A map returned from a function escapes: its header goes to the heap,
// and its group is allocated by the first insert.
package main

import "fmt"

func inventory() map[string]int {
	stock := make(map[string]int)
	stock["apples"] = 5
	stock["pears"] = 3
	return stock
}

func run() {
	inv := inventory()
	inv["apples"] -= 2
	fmt.Println(inv["apples"], inv["pears"], len(inv))
}

func main() {
	run()
}
