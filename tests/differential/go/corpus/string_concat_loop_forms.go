// entry: concatLoopForms

package main

func withPlus(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s = s + "ab"
	}
	return s
}

func withPlusAssign(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "ab"
	}
	return s
}

func concatLoopForms() int {
	a := withPlus(5)
	b := withPlusAssign(5)
	println(a, b)
	return len(a) + len(b)
}

func main() {
	println(concatLoopForms())
}
