// entry: run
// v, ok := x.(T) checks the dynamic type; it never allocates.
package main

import "fmt"

func describe(x any) string {
	if n, ok := x.(int); ok {
		return fmt.Sprint("int ", n)
	}
	if s, ok := x.(string); ok {
		return "string " + s
	}
	return "something else"
}

func run() {
	fmt.Println(describe(42))
	fmt.Println(describe("hi"))
	fmt.Println(describe(2.5))
}

func main() {
	run()
}
