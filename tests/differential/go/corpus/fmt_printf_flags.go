// entry: show
// Flags, widths and precisions as a cheat sheet prints them.
package main

import "fmt"

type Pair struct {
	Key   string
	Value int
}

func show() {
	n := -42
	n--
	u := uint8(200)
	u++
	f := 3.14159
	f *= 2
	r := 'G'
	r++
	fmt.Printf("|%+d|%08d|%-8d|% d|%x|%X|%#x|%#o|%b|\n", n, n, n, n, n, n, 255, 8, 5)
	fmt.Printf("|%c|%q|%U|%d|%v|\n", r, r, r, u, u)
	fmt.Printf("|%08.3f|%+.1f|%10.4f|%-10.2f|%.0f|\n", f, f, f, f, f)
	fmt.Printf("|%t|%v|%5t|\n", true, false, true)
	p := Pair{"a", 1}
	p.Value++
	fmt.Printf("%v %+v %T\n", p, p, p)
	fmt.Printf("%s|%10s|%-10s|%q\n", "x", "right", "left", "quote\"d")
	fmt.Printf("%v %d %s\n", []int{1, 2}, []int{3}, []string{"a", "b"})
	fmt.Printf("%5.1f%%\n", 99.5)
}

func main() {
	show()
}
