// entry: run
// fmt.Sprint(f()) and an error result printed straight from the call.
package main

import (
	"errors"
	"fmt"
)

func parse(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty input")
	}
	return len(s) * 100, nil
}

func run() {
	fmt.Println(parse("abc"))
	fmt.Println(parse(""))
	line := fmt.Sprint(parse("hello"))
	fmt.Println(line)
}

func main() {
	run()
}
