// entry: bytesToString

package main

var kept string

func short(b []byte) int {
	s := string(b)
	return len(s)
}

func keep(b []byte) {
	kept = string(b)
}

func bytesToString() int {
	small := []byte("hello")
	big := make([]byte, 40)
	for i := range big {
		big[i] = 'a' + byte(i%26)
	}
	n := short(small) + short(big)
	keep(small)
	n += len(kept)
	kept = ""
	return n
}

func main() {
	println(bytesToString())
}
