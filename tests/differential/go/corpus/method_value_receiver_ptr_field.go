// entry: valueReceiverField

package main

type Box struct {
	P *int
	W int
}

// A value receiver whose pointer field is returned: b leaks to the result,
// and since the result stays in the caller, x stays on the stack.
func (b Box) Ptr() *int {
	return b.P
}

func (b Box) Weight() int {
	return b.W
}

func valueReceiverField() int {
	x := 41
	b := Box{P: &x, W: 1}
	p := b.Ptr()
	*p += b.Weight()
	return x
}

func main() {
	println(valueReceiverField())
}
