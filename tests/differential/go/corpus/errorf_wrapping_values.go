// entry: run
// fmt.Errorf formats a message and wraps it in an error: two allocations.
package main

import "fmt"

func divide(a, b int) (int, error) {
	if b == 0 {
		return 0, fmt.Errorf("cannot divide %d by zero", a)
	}
	return a / b, nil
}

func run() {
	q, err := divide(10, 2)
	fmt.Println(q, err)
	q, err = divide(7, 0)
	fmt.Println(q, err)
}

func main() {
	run()
}
