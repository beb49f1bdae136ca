// entry: insert_full

// A surprise in hashbrown: `insert` reserves room for one more item BEFORE it
// looks the key up. On a full table, replacing the value of a key that is
// already there still moves the table to a bigger block. `entry` looks the
// key up first and only reserves when the key is missing.
use std::collections::HashMap;

fn insert_full() -> usize {
    let mut a: HashMap<i64, i64> = HashMap::with_capacity(3);
    a.insert(1, 10);
    a.insert(2, 20);
    a.insert(3, 30);
    println!("full: capacity {}", a.capacity());
    a.insert(3, 31);
    println!("after replacing key 3 with insert: capacity {}", a.capacity());

    let mut b: HashMap<i64, i64> = HashMap::with_capacity(3);
    b.insert(1, 10);
    b.insert(2, 20);
    b.insert(3, 30);
    *b.entry(3).or_insert(0) += 1;
    println!("after updating key 3 with entry: capacity {}", b.capacity());
    a.capacity() + b.capacity()
}

fn main() {
    println!("{}", insert_full());
}
