// title: The tiny allocator
// entry: tinyAlloc
// lesson: allocation
// claim: Every small escaping object costs a separate heap allocation of at least one size-class slot.
// truth: Each new(int8) still counts as one allocation, but the runtime's tiny allocator packs small pointer-free objects into shared 16-byte blocks instead of giving each its own slot.
// par: 697

package main

type Pair struct {
	A int32
	B int32
}

var keepBytes [6]*int8
var keepPair *Pair

func tinyAlloc() int {
	for i := 0; i < 6; i++ {
		b := new(int8)
		*b = int8(i)
		keepBytes[i] = b
	}
	keepPair = &Pair{A: 1, B: 2}
	total := int(keepPair.A + keepPair.B)
	for i := 0; i < 6; i++ {
		total += int(*keepBytes[i])
		keepBytes[i] = nil
	}
	keepPair = nil
	return total
}

func main() {
	println(tinyAlloc())
}
