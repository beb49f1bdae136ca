// entry: funcLiteralParam

package main

// apply only calls f, so f does not escape.
func apply(f func(int) int, xs []int) int {
	total := 0
	for _, x := range xs {
		total += f(x)
	}
	return total
}

func funcLiteralParam() int {
	k := 3
	xs := []int{1, 2, 3, 4}
	return apply(func(x int) int { return x * k }, xs)
}

func main() {
	println(funcLiteralParam())
}
