// entry: funcLiteralGlobal

package main

var hook func() int

func install(base int) {
	hook = func() int {
		return base * 2
	}
}

func funcLiteralGlobal() int {
	install(21)
	v := hook()
	hook = nil
	return v
}

func main() {
	println(funcLiteralGlobal())
}
