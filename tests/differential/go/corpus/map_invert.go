// entry: run
// Inverting a map builds a second map in a loop over the first; the
// result is returned, so the new map escapes while the input does not.
package main

import "fmt"

func invert(m map[string]int) map[int]string {
	out := make(map[int]string, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

func run() {
	codes := map[string]int{"ok": 200, "missing": 404, "teapot": 418}
	inv := invert(codes)
	fmt.Println(inv[404], inv[418], len(inv))
}

func main() {
	run()
}
