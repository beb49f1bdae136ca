// entry: run
// The comma-ok form tells a stored zero from a missing key.
package main

import "fmt"

func lookup(ages map[string]int, name string) string {
	if age, ok := ages[name]; ok {
		return fmt.Sprint(name, " is ", age)
	}
	return name + " is unknown"
}

func run() {
	ages := map[string]int{"ann": 31, "baby": 0}
	fmt.Println(lookup(ages, "ann"))
	fmt.Println(lookup(ages, "baby"))
	fmt.Println(lookup(ages, "zed"))
}

func main() {
	run()
}
