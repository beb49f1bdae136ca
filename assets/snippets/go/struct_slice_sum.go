// title: Sum a slice of structs
// entry: structSliceSum
// lesson: cache
// claim: A slice of structs is one contiguous block: summing it walks memory in order, so most reads hit the cache.
// par: 547

package main

type Item struct {
	Value  int
	Weight int
}

func structSliceSum() int {
	items := make([]Item, 256)
	for i := range items {
		items[i].Value = i
		items[i].Weight = 1
	}
	total := 0
	for _, it := range items {
		total += it.Value
	}
	return total
}

func main() {
	println(structSliceSum())
}
