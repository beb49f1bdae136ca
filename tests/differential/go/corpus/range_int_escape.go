// entry: rangeInt

package main

type Job struct {
	ID *int
}

// range over an integer: each iteration's i is a fresh variable.
func rangeInt() int {
	jobs := make([]Job, 0, 4)
	for i := range 4 {
		jobs = append(jobs, Job{ID: &i})
	}
	total := 0
	for _, j := range jobs {
		total += *j.ID
	}
	return total
}

func main() {
	println(rangeInt())
}
