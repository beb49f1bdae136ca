// entry: run
// fmt calls a String method when the type has one (fmt.Stringer).
package main

import "fmt"

type Celsius struct {
	Deg float64
}

func (c Celsius) String() string {
	return fmt.Sprintf("%.1f°C", c.Deg)
}

type Temps struct {
	Min, Max Celsius
}

func run() {
	t := Celsius{21.5}
	t.Deg += 1
	fmt.Println(t)
	fmt.Printf("now %v, %s\n", t, t)
	r := Temps{Celsius{3}, Celsius{30}}
	r.Min.Deg--
	fmt.Println(r)
	fmt.Println(&r)
}

func main() {
	run()
}
