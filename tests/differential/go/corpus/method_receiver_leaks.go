// entry: receiverLeaks

package main

type Service struct {
	Name string
	Hits int
}

var registry *Service

// Register leaks its receiver to a global.
func (s *Service) Register() {
	registry = s
}

func receiverLeaks() int {
	s := Service{Name: "api"}
	s.Register()
	registry.Hits += 2
	n := s.Hits + len(registry.Name)
	registry = nil
	return n
}

func main() {
	println(receiverLeaks())
}
