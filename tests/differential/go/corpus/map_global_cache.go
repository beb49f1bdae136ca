// entry: run
// A map kept in a global escapes, and a memoised Fibonacci fills it
// past one group: the table grows as the cache fills.
package main

import "fmt"

var memo map[int]int

func fib(n int) int {
	if n < 2 {
		return n
	}
	if v, ok := memo[n]; ok {
		return v
	}
	v := fib(n-1) + fib(n-2)
	memo[n] = v
	return v
}

func run() {
	memo = make(map[int]int)
	fmt.Println(fib(30))
	memo = nil
}

func main() {
	run()
}
