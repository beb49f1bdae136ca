// entry: show
// A pointer passed to Println leaks: its pointee moves to the heap.
package main

import "fmt"

type Config struct {
	Debug bool
	Level int
}

func show() {
	var c Config
	c.Level = 3
	fmt.Println(&c)
}

func main() {
	show()
}
