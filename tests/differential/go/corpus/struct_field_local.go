// entry: fieldLocal

package main

type Holder struct {
	P    *int
	Name string
}

func read(h *Holder) int {
	return *h.P
}

func fieldLocal() int {
	x := 3
	h := Holder{P: &x, Name: "h"}
	*h.P = 4
	return read(&h) + len(h.Name)
}

func main() {
	println(fieldLocal())
}
