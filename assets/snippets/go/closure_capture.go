// title: Closures that stay and closures that leave
// entry: closures
// lesson: escape
// claim: A closure always allocates, because the variables it captures must outlive the stack frame.
// truth: Only the returned closure escapes (it and its captured `count` go to the heap); the closure called locally, and the `total` it captures by reference, stay on the stack.
// par: 700

package main

// countLocally's closure never leaves the function.
func countLocally() int {
	total := 0
	add := func(n int) {
		total += n
	}
	for i := 1; i <= 4; i++ {
		add(i)
	}
	return total
}

// makeCounter's closure is returned, so it and count must outlive the call.
func makeCounter() func() int {
	count := 0
	return func() int {
		count++
		return count
	}
}

func closures() int {
	next := makeCounter()
	next()
	next()
	return countLocally() + next()
}

func main() {
	println(closures())
}
