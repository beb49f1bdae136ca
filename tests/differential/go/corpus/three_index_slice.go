// entry: run
// A full slice expression a[lo:hi:max] limits the capacity, so the next
// append must copy instead of overwriting the original array.
package main

import "fmt"

func run() {
	base := []int{1, 2, 3, 4, 5}
	shared := base[1:3]
	limited := base[1:3:3]
	shared = append(shared, 100)
	limited = append(limited, 200)
	fmt.Println(base, shared, limited)
	fmt.Println(len(limited), cap(limited), cap(base[:2:4]))
	arr := [6]int{9, 8, 7, 6, 5, 4}
	part := arr[2:4:5]
	part = append(part, 1)
	part = append(part, 2)
	fmt.Println(arr, part, cap(part))
}

func main() {
	run()
}
