// entry: arraySliceLocal

package main

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

func arraySliceLocal() int {
	var a [16]int
	for i := range a {
		a[i] = i
	}
	return sum(a[:]) + sum(a[4:8])
}

func main() {
	println(arraySliceLocal())
}
