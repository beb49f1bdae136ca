// entry: fieldEscapes

package main

type Ref struct {
	P *int
}

// makeRef returns a struct by value, but the pointer inside it escapes.
func makeRef(v int) Ref {
	x := v
	return Ref{P: &x}
}

func fieldEscapes() int {
	r1 := makeRef(1)
	r2 := makeRef(2)
	return *r1.P + *r2.P
}

func main() {
	println(fieldEscapes())
}
