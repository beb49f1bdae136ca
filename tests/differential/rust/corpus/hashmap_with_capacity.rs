// entry: with_capacity_once

// When you know how many entries are coming, `with_capacity` allocates the
// table once: 100 items need 100 * 8 / 7 = 114 buckets, rounded up to 128.
// The hundred inserts then never move the table.
use std::collections::HashMap;

fn with_capacity_once() -> u64 {
    let mut ids: HashMap<u64, u64> = HashMap::with_capacity(100);
    let before = ids.capacity();
    for id in 0..100 {
        ids.insert(id, id * 7);
    }
    println!("capacity before {} and after {}", before, ids.capacity());
    let mut total = 0;
    for (_, v) in &ids {
        total += v;
    }
    total
}

fn main() {
    println!("{}", with_capacity_once());
}
