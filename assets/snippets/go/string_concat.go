// title: String concatenation in a loop
// entry: stringConcat
// lesson: allocation
// claim: Strings are immutable, so every s += x in a loop allocates a new string and copies the old one.
// truth: Almost: the first += onto the empty string just reuses "ab", so 10 appends make 9 allocations; and the compiler prints no escape verdict at all for s += x.
// par: 683

package main

func repeat(part string, n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += part
	}
	return s
}

func stringConcat() int {
	s := repeat("ab", 10)
	println(s)
	return len(s)
}

func main() {
	println(stringConcat())
}
