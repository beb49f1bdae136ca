// entry: run
// errors.New allocates its errorString, once per call.
package main

import (
	"errors"
	"fmt"
)

func check(n int) error {
	if n < 0 {
		return errors.New("negative number")
	}
	return nil
}

func run() {
	for _, n := range []int{3, -1, 5, -7} {
		if err := check(n); err != nil {
			fmt.Println("error:", err)
		}
	}
}

func main() {
	run()
}
