// entry: run
// fmt.Println(f()) with a function returning several values: the compiler
// stores the results in temporaries (.autotmp_N) and converts each to an
// interface. 400 needs a heap box; 4 and 5 come from the runtime's static
// table of small integers.
package main

import "fmt"

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func nameAndAge() (string, int) {
	return "gopher", 15
}

func run() {
	fmt.Println(divmod(2807, 7))
	fmt.Println(divmod(29, 6))
	fmt.Println(nameAndAge())
}

func main() {
	run()
}
