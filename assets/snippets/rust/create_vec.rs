// title: Return a Vec
// entry: create_vec
// lesson: escape
// claim: Returning a Vec from a function makes it escape to the heap.
// truth: Rust has no escape analysis: the elements were on the heap from the start (one allocation of 8000 bytes), and returning moves only the 24-byte header (pointer, capacity, length); the caller frees the buffer.
// pair: go/create_slice
// par: 533

fn create_vec() -> Vec<i64> {
    let mut v = vec![0i64; 1000];
    for i in 0..1000 {
        v[i] = i as i64;
    }
    v
}

fn main() {
    let v = create_vec();
    println!("{} {}", v.len(), v[999]);
}
