// entry: growStrings

package main

func growStrings() []string {
	var s []string
	last := -1
	for i := 0; i < 40; i++ {
		s = append(s, "x")
		if cap(s) != last {
			last = cap(s)
			println(len(s), cap(s))
		}
	}
	return s
}

func main() {
	growStrings()
}
