// entry: run
// The idiomatic set: map[string]struct{}. The empty struct takes no room
// in a slot, only the key does; the comma-ok form asks for membership.
package main

import "fmt"

func run() {
	set := make(map[string]struct{})
	for _, w := range []string{"a", "b", "a"} {
		set[w] = struct{}{}
	}
	_, ok := set["a"]
	fmt.Println(len(set), ok)
	ints := map[int]struct{}{}
	for i := 0; i < 20; i++ {
		ints[i%12] = struct{}{}
	}
	fmt.Println(len(ints))
}

func main() {
	run()
}
