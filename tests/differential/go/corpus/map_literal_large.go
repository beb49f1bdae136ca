// entry: run
// A map literal with more than 8 entries is made with its length as the
// hint: one table, sized at once.
package main

import "fmt"

func romanValue(s string) int {
	digits := map[byte]int{
		'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100,
		'D': 500, 'M': 1000, 'i': 1, 'v': 5, 'x': 10,
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := digits[s[i]]
		if i+1 < len(s) && digits[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return total
}

func run() {
	fmt.Println(romanValue("MCMXCIV"), romanValue("xiv"))
}

func main() {
	run()
}
