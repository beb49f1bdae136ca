// title: A package-level sink
// entry: globalSink
// lesson: escape
// claim: Storing a pointer in a package-level variable makes the pointee escape: it is moved to the heap even if the global is cleared right after.
// par: 739

package main

type Config struct {
	Size  int
	Limit int
}

var sink *Config

func globalSink() int {
	c := Config{Size: 1, Limit: 10}
	sink = &c
	n := sink.Size + sink.Limit
	sink = nil
	return n
}

func main() {
	println(globalSink())
}
