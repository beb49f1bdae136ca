// entry: run
// Where fmt.Println(f()) puts its temporaries: each function numbers them
// after its parameters, its results and the variables declared before the
// call, closures on their own. Only the names in -m change; 400 and "x"
// are boxed on the heap every time.
package main

import "fmt"

func two() (int, string) { return 400, "x" }

func withResult() int { fmt.Println(two()); return 1 }

func withParams(a, _ int) (r int) {
	fmt.Println(two())
	return a
}

func run() {
	a := 1
	f := func() {
		fmt.Println(two())
	}
	f()
	g := func() string { return fmt.Sprint(two()) }
	fmt.Println(g(), a, withResult(), withParams(2, 3))
}

func main() {
	run()
}
