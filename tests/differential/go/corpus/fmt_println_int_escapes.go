// entry: show
// The classic escape-analysis demo: fmt.Println(x) makes x "escape".
package main

import "fmt"

func show() {
	x := 1000
	x++
	fmt.Println(x)
}

func main() {
	show()
}
