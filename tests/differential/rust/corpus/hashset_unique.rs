// entry: unique

// A HashSet is a HashMap with `()` values: the table's slots are just the
// keys. `insert` says whether the value was new. 2-byte slots get at least 8
// buckets (hashbrown avoids tiny tables of tiny items): 8 * 2 + 8 + 16 = 40 bytes.
use std::collections::HashSet;

fn unique() -> usize {
    let readings: [u16; 9] = [3, 1, 4, 1, 5, 9, 2, 6, 5];
    let mut seen: HashSet<u16> = HashSet::new();
    let mut repeats = 0;
    for r in readings {
        if !seen.insert(r) {
            repeats += 1;
        }
    }
    println!("{} repeats, 9 seen? {}, 7 seen? {}", repeats, seen.contains(&9), seen.contains(&7));
    seen.len()
}

fn main() {
    println!("{} distinct", unique());
}
