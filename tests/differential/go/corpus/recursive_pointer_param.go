// entry: recursivePointer

package main

// fact accumulates through a pointer; the pointer never escapes.
func fact(n int, acc *int) {
	if n <= 1 {
		return
	}
	*acc *= n
	fact(n-1, acc)
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func recursivePointer() int {
	acc := 1
	fact(6, &acc)
	return acc + fib(10)
}

func main() {
	println(recursivePointer())
}
