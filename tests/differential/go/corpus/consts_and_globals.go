// entry: constsAndGlobals

package main

const Size = 4
const Scale = 10

var table [Size]int
var total int

func constsAndGlobals() int {
	total = 0
	for i := 0; i < Size; i++ {
		table[i] = i * Scale
		total += table[i]
	}
	local := table
	local[0] = 99
	return total + local[0] + table[0]
}

func main() {
	println(constsAndGlobals())
}
