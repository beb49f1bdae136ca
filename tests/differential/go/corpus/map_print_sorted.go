// entry: run
// fmt prints a map with its keys sorted, so the output is the same on
// every run even though range order is not. Printing is not free: fmt
// copies every key and value out of the map through reflection (one heap
// object each) into a sorted slice.
package main

import "fmt"

func run() {
	ages := map[string]int{"bob": 31, "ann": 27, "cy": 40}
	fmt.Println(ages)
	squares := make(map[int]int)
	for i := 1; i <= 5; i++ {
		squares[i] = i * i
	}
	fmt.Println(squares, len(squares))
	flags := map[string]bool{}
	fmt.Println(flags)
	fmt.Printf("%v\n", map[float64]string{2.5: "b", -1: "a"})
}

func main() {
	run()
}
