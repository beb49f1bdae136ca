// entry: loopvarReturn

package main

// The address of k escapes only through `return &k`, so loopvar keeps one k
// for the whole loop (moved to the heap once), and a range value variable
// moved to the heap the same way is allocated once too.
func firstBig(limit int) *int {
	for k := 0; k < 10; k++ {
		if k*k > limit {
			return &k
		}
	}
	return nil
}

func firstOver(xs []int, limit int) *int {
	for _, x := range xs {
		if x > limit {
			return &x
		}
	}
	return nil
}

func loopvarReturn() int {
	xs := []int{1, 5, 9, 12}
	return *firstBig(20) + *firstOver(xs, 6)
}

func main() {
	println(loopvarReturn())
}
