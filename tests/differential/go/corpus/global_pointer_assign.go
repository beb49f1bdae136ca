// entry: globalPointers

package main

type Settings struct {
	Level int
	Name  string
}

var current *Settings
var counter *int
var defaults = Settings{Level: 1, Name: "default"}

func globalPointers() int {
	current = &Settings{Level: 3, Name: "custom"}
	n := 0
	counter = &n
	*counter += current.Level
	current = &defaults
	*counter += current.Level
	counter = nil
	current = nil
	return n
}

func main() {
	println(globalPointers())
}
