// title: Small integers in an interface
// entry: countdown
// lesson: escape
// claim: Every value stored in an interface (any, or an argument to fmt.Println) is boxed on the heap.
// truth: The runtime keeps the values 0 to 255 in a static table (runtime.staticuint64s), so converting them allocates nothing; constants live in read-only data. Only 256..260 here cost an allocation each: 5, not 11.
// par: 711

package main

import "fmt"

func countdown() {
	for n := 260; n >= 250; n-- {
		fmt.Println(n)
	}
	fmt.Println("liftoff", 0)
}

func main() {
	countdown()
}
