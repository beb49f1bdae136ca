// entry: show
// Printing a slice: the slice header is boxed, and every element fmt
// reaches through reflection is copied once more.
package main

import "fmt"

func show() {
	primes := []int{2, 3, 5, 7, 11}
	fmt.Println(primes)
	fmt.Println(len(primes), cap(primes))
}

func main() {
	show()
}
