// entry: show
// Floats are converted with convT64: only 0.0 (all bits zero) is free.
package main

import "fmt"

func show() {
	total := 0.0
	prices := []float64{1.5, 2.25, 100}
	for _, p := range prices {
		total += p
	}
	fmt.Println(total)
	fmt.Printf("%.2f %8.3f|%-8.1f|%e %g\n", total, total, total, total, total)
	zero := 0.0
	zero *= 2
	fmt.Println(zero, 1e21, 123456789.0, 0.000012)
}

func main() {
	show()
}
