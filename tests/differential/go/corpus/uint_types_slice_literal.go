// entry: uintTypes

package main

func checksum(data []uint8) uint32 {
	var h uint32 = 2166136261
	for _, b := range data {
		h ^= uint32(b)
		h *= 16777619
	}
	return h
}

func uintTypes() uint32 {
	data := []uint8{1, 2, 3, 4, 5, 6, 7, 8}
	var w uint16 = 65535
	w++
	var q int16 = -7
	q >>= 1
	return checksum(data) + uint32(w) + uint32(int32(q)+10)
}

func main() {
	println(uintTypes())
}
