// entry: ptrReceiverLocal

package main

type Stack struct {
	items [8]int
	n     int
}

func (s *Stack) Push(v int) {
	s.items[s.n] = v
	s.n++
}

func (s *Stack) Pop() int {
	s.n--
	return s.items[s.n]
}

func (s Stack) Len() int {
	return s.n
}

func ptrReceiverLocal() int {
	var s Stack
	s.Push(1)
	s.Push(2)
	s.Push(3)
	top := s.Pop()
	return top*10 + s.Len()
}

func main() {
	println(ptrReceiverLocal())
}
