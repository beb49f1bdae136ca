// entry: run
// A value type implementing error: fmt prints it with its Error method.
package main

import (
	"errors"
	"fmt"
)

type ParseError struct {
	Line int
	Msg  string
}

func (e ParseError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

func parse(n int) error {
	if n%2 == 1 {
		return ParseError{Line: n, Msg: "odd"}
	}
	if n == 4 {
		return errors.New("four is not allowed")
	}
	return nil
}

func run() {
	for i := 1; i <= 4; i++ {
		if err := parse(i); err != nil {
			fmt.Println("parse:", err)
			var pe ParseError
			pe, ok := err.(ParseError)
			fmt.Println(ok, pe.Line)
		}
	}
}

func main() {
	run()
}
