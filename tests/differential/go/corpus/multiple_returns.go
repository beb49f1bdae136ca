// entry: multipleReturns

package main

type Pair struct {
	K int
	V int
}

func split(n int) (*Pair, int, bool) {
	p := Pair{K: n / 10, V: n % 10}
	return &p, n * 2, n > 50
}

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func multipleReturns() int {
	p, d, big := split(73)
	q, r := divmod(17, 5)
	if big {
		d++
	}
	return p.K + p.V + d + q + r
}

func main() {
	println(multipleReturns())
}
