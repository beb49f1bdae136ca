// entry: names

package main

// default may appear anywhere: it runs only when no case matches.
func dayKind(d int) string {
	switch d {
	case 0, 6:
		return "weekend"
	default:
		return "weekday"
	case 3:
		return "midweek"
	}
}

func names() {
	s := ""
	for d := 0; d < 7; d++ {
		s = dayKind(d)
		println(d, s)
	}
	k := 0
	switch x := len(s); {
	case x > 100:
		k = 1
	default:
		k = 2
		fallthrough
	case x > 200:
		k += 10
	}
	println(k)
}

func main() {
	names()
}
