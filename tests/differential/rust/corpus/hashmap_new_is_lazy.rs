// entry: lazy_table

// `HashMap::new()` allocates nothing: the RandomState keys live in the
// 48-byte header on the stack. The first insert allocates a table of 4
// buckets (room for 3 items); after that the table is replaced whenever it
// is full: 4 -> 8 (7 items) -> 16 (14 items) -> 32 (28 items) buckets, each
// time a new block and a free of the old one.
use std::collections::HashMap;

fn lazy_table() -> usize {
    let mut squares: HashMap<u32, u32> = HashMap::new();
    println!("empty: len {} capacity {}", squares.len(), squares.capacity());
    let mut last_capacity = squares.capacity();
    for n in 0..20 {
        squares.insert(n, n * n);
        if squares.capacity() != last_capacity {
            println!("after {} inserts: capacity {}", squares.len(), squares.capacity());
            last_capacity = squares.capacity();
        }
    }
    squares.len()
}

fn main() {
    println!("{}", lazy_table());
}
