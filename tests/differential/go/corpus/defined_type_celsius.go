// entry: run
// A non-struct defined type with methods, and fmt's Stringer.
package main

import "fmt"

type Celsius float64
type Fahrenheit float64

func (c Celsius) ToF() Fahrenheit { return Fahrenheit(c*9/5 + 32) }

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Weekday int

func (d Weekday) Weekend() bool { return d == 0 || d == 6 }

func run() {
	t := Celsius(21.5)
	t += 2
	fmt.Println(t, t.ToF())
	fmt.Printf("%v %.2f %T %T\n", t, float64(t.ToF()), t, t.ToF())
	for d := Weekday(0); d < 7; d++ {
		if d.Weekend() {
			fmt.Println("weekend day", d)
		}
	}
}

func main() {
	run()
}
