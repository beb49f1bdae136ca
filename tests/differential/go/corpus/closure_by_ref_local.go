// entry: closureByRef

package main

func closureByRef() int {
	sum := 0
	count := 0
	add := func(v int) {
		sum += v
		count++
	}
	for i := 0; i < 10; i++ {
		add(i)
	}
	return sum*100 + count
}

func main() {
	println(closureByRef())
}
