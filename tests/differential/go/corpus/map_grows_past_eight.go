// entry: run
// A map that grows past 8 entries: the ninth insert turns the small map
// into a table (a table, its groups and a directory), and the table
// doubles each time 7/8 of its slots are used.
package main

import "fmt"

func squares(n int) int {
	sq := make(map[int]int)
	for i := 0; i < n; i++ {
		sq[i] = i * i
	}
	return len(sq) + sq[n-1]
}

func run() {
	fmt.Println(squares(8), squares(9), squares(40))
}

func main() {
	run()
}
