// entry: grades

package main

// fallthrough runs the next clause's body without testing its case.
func bonus(score int) int {
	points := 0
	switch {
	case score >= 90:
		points += 3
		fallthrough
	case score >= 75:
		points += 2
		fallthrough
	case score >= 50:
		points++
	default:
		points--
	}
	return points
}

func grades() {
	scores := []int{95, 80, 60, 10}
	total := 0
	for _, s := range scores {
		total += bonus(s)
	}
	println(total)
}

func main() {
	grades()
}
