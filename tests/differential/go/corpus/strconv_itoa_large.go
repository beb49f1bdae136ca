// entry: labels
// From 100 on, strconv.Itoa allocates the digits.
package main

import (
	"fmt"
	"strconv"
)

func labels() {
	s := ""
	for i := 98; i < 103; i++ {
		s += strconv.Itoa(i) + ","
	}
	fmt.Println(s, strconv.Itoa(-5))
}

func main() {
	labels()
}
