// entry: compositeArrayLimit

package main

type Block struct {
	Data [9000]int64
}

// The declared variable b is 72 KB (under 128 KiB): stack.
// &Block{} is implicit and over 64 KiB: heap.
func compositeArrayLimit() int64 {
	b := Block{}
	b.Data[1] = 1
	p := &Block{}
	p.Data[2] = 2
	return b.Data[1] + p.Data[2]
}

func main() {
	println(compositeArrayLimit())
}
