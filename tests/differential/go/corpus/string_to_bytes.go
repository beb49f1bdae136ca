// entry: stringToBytes

package main

func countA(s string) int {
	b := []byte(s)
	n := 0
	for _, c := range b {
		if c == 'a' {
			n++
		}
	}
	return n
}

func upper(s string) []byte {
	b := []byte(s)
	for i := range b {
		if b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 32
		}
	}
	return b
}

func stringToBytes() int {
	n := countA("banana") + countA("a fairly long string with many a's in it, really")
	u := upper("go")
	println(string(u))
	return n + len(u)
}

func main() {
	println(stringToBytes())
}
