// entry: rangeString

package main

func rangeString() int {
	s := "héllo, wörld"
	runes := 0
	bytes := 0
	for i, r := range s {
		runes++
		if r > 127 {
			bytes += i
		}
	}
	for i := 0; i < len(s); i++ {
		bytes += int(s[i] & 1)
	}
	println(runes, bytes)
	return runes + bytes
}

func main() {
	rangeString()
}
