// entry: structWithSlice

package main

type Buffer struct {
	Data []byte
	Pos  int
}

func newBuffer(size int) Buffer {
	return Buffer{Data: make([]byte, 0, size)}
}

func (b *Buffer) Write(c byte) {
	b.Data = append(b.Data, c)
	b.Pos++
}

func structWithSlice() int {
	b := newBuffer(16)
	for i := 0; i < 20; i++ {
		b.Write(byte('a' + i))
	}
	return len(b.Data) + cap(b.Data) + b.Pos
}

func main() {
	println(structWithSlice())
}
