// title: Pointer and value receivers
// entry: pointerReceiver
// lesson: escape
// claim: Calling a pointer-receiver method takes the value's address, which moves it to the heap.
// truth: Scale's receiver does not escape (`v does not escape`), so the Vec stays on the stack; a value receiver just copies it into the callee's frame. Zero allocations.
// par: 745

package main

type Vec struct {
	X float64
	Y float64
	Z float64
}

func (v *Vec) Scale(k float64) {
	v.X *= k
	v.Y *= k
	v.Z *= k
}

func (v Vec) Length2() float64 {
	return v.X*v.X + v.Y*v.Y + v.Z*v.Z
}

func pointerReceiver() float64 {
	v := Vec{X: 1, Y: 2, Z: 3}
	v.Scale(2)
	return v.Length2()
}

func main() {
	println(pointerReceiver())
}
