// entry: nestedPointers

package main

type Inner struct {
	A int
	B int
}

type Outer struct {
	In   *Inner
	Tag  int
	Next *Outer
}

func build(tag int) *Outer {
	return &Outer{In: &Inner{A: tag, B: tag * 2}, Tag: tag}
}

func localChain() int {
	o := &Outer{In: &Inner{A: 1, B: 2}, Tag: 3}
	o.Next = &Outer{In: &Inner{A: 4}, Tag: 5}
	return o.In.A + o.Next.In.A + o.Tag + o.Next.Tag
}

func nestedPointers() int {
	o := build(7)
	return o.In.A + o.In.B + o.Tag + localChain()
}

func main() {
	println(nestedPointers())
}
