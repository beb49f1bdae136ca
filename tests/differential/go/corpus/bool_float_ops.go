// entry: boolFloatOps

package main

type Stats struct {
	Sum   float64
	Count int
	Any   bool
}

func (s *Stats) Add(v float64) {
	s.Sum += v
	s.Count++
	s.Any = s.Any || v < 0
}

func (s Stats) Mean() float64 {
	if s.Count == 0 {
		return 0
	}
	return s.Sum / float64(s.Count)
}

func boolFloatOps() int {
	st := &Stats{}
	vals := [5]float64{1.5, 2.5, -1, 4, 3}
	for _, v := range vals {
		st.Add(v)
	}
	m := st.Mean()
	println(m, st.Any)
	if st.Any && m > 1 {
		return int(m * 100)
	}
	return 0
}

func main() {
	println(boolFloatOps())
}
