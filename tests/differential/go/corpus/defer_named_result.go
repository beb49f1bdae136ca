// entry: run
// A deferred closure can change a named result after return sets it.
package main

import "fmt"

func double() (n int) {
	defer func() {
		n *= 2
	}()
	n = 21
	return n
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if b == 0 {
			err = fmt.Errorf("divide %d by zero", a)
		}
	}()
	if b == 0 {
		return 0, nil
	}
	return a / b, nil
}

func run() {
	fmt.Println(double())
	q, err := safeDiv(7, 2)
	fmt.Println(q, err)
	q, err = safeDiv(7, 0)
	fmt.Println(q, err)
}

func main() {
	run()
}
