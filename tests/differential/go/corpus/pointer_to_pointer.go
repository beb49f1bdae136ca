// entry: pointerToPointer

package main

func redirect(pp **int, target *int) {
	*pp = target
}

func pointerToPointer() int {
	a := 1
	b := 2
	p := &a
	redirect(&p, &b)
	*p += 10
	return a + b
}

func main() {
	println(pointerToPointer())
}
