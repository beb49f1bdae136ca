// entry: run
// A nil error costs nothing.
package main

import (
	"errors"
	"fmt"
)

var ErrEmpty = errors.New("empty input")

func parse(s string) (int, error) {
	if s == "" {
		return 0, ErrEmpty
	}
	return len(s), nil
}

func run() {
	for _, s := range []string{"abc", "", "hello"} {
		n, err := parse(s)
		if err != nil {
			fmt.Println("failed:", err)
			continue
		}
		fmt.Println("parsed", n)
	}
}

func main() {
	run()
}
