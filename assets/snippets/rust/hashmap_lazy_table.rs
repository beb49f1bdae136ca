// title: HashMap::new allocates nothing
// entry: lazy_map
// lesson: allocation
// claim: HashMap::new() allocates its hash table right away, so even a map you never fill costs a heap allocation.
// truth: HashMap::new() allocates nothing: its 48 bytes (table pointer, counts and the SipHash keys) sit on the stack. The first insert allocates the whole table in one block (slots, then one control byte per bucket and 16 more); when 7/8 of the buckets are full it moves to a new block twice as big and frees the old one: 4 -> 8 -> 16 buckets here. with_capacity(14) allocates once and never moves.
// par: 654

use std::collections::HashMap;

fn lazy_map() -> usize {
    let unused: HashMap<u32, u32> = HashMap::new();
    let mut grown: HashMap<u32, u32> = HashMap::new();
    for i in 0..14 {
        grown.insert(i, i * i);
    }
    let mut sized: HashMap<u32, u32> = HashMap::with_capacity(14);
    for i in 0..14 {
        sized.insert(i, i * i);
    }
    unused.len() + grown.len() + sized.len()
}

fn main() {
    println!("{}", lazy_map());
}
