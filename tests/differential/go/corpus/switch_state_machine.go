// entry: run

package main

// A tiny tokenizer state machine: a classic use of a tagless switch.
const (
	idle = iota
	inWord
	inNumber
)

func classify(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return inNumber
	case c == ' ':
		return idle
	default:
		return inWord
	}
}

func run() int {
	text := "go 127 is fun 42"
	state := idle
	words, numbers := 0, 0
	for i := 0; i < len(text); i++ {
		next := classify(text[i])
		switch state {
		case idle:
			switch next {
			case inWord:
				words++
			case inNumber:
				numbers++
			}
		case inWord, inNumber:
			if next == idle {
				state = idle
				continue
			}
		}
		state = next
	}
	println(words, numbers)
	return words*10 + numbers
}

func main() {
	run()
}
