// entry: run
// Building a string with + versus fmt.Sprintf.
package main

import (
	"fmt"
	"strconv"
)

func viaConcat(name string, age int) string {
	return name + " is " + strconv.Itoa(age) + " years old"
}

func viaSprintf(name string, age int) string {
	return fmt.Sprintf("%s is %d years old", name, age)
}

func run() {
	a := viaConcat("ann", 31)
	b := viaSprintf("ann", 31)
	fmt.Println(a == b, a)
}

func main() {
	run()
}
