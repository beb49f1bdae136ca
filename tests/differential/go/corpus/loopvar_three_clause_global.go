// entry: threeClause

package main

var kept [5]*int

// A three-clause loop whose variable escapes: every iteration gets its
// own heap copy of i.
func threeClause() int {
	for i := 0; i < 5; i++ {
		kept[i] = &i
	}
	total := 0
	for j := range kept {
		total += *kept[j]
		kept[j] = nil
	}
	return total
}

func main() {
	println(threeClause())
}
