// entry: counters

package main

func counter(start int) func() int {
	n := start
	return func() int {
		n++
		return n
	}
}

func counters() int {
	a := counter(0)
	b := counter(10)
	a()
	a()
	b()
	return a() + b()
}

func main() {
	println(counters())
}
