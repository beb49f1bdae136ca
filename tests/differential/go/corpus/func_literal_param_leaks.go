// entry: funcLiteralLeaks

package main

var handlers []func() int

func register(f func() int) {
	handlers = append(handlers, f)
}

func funcLiteralLeaks() int {
	handlers = nil
	for i := 0; i < 3; i++ {
		register(func() int { return i * i })
	}
	total := 0
	for _, h := range handlers {
		total += h()
	}
	handlers = nil
	return total
}

func main() {
	println(funcLiteralLeaks())
}
