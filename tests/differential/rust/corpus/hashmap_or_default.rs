// entry: tally

// `or_default()` inserts `V::default()` for a missing key: 0 for numbers, an
// empty Vec (no allocation) for vectors. Here: how many even and odd numbers,
// and the odd ones themselves.
use std::collections::HashMap;

fn tally() -> usize {
    let mut counts: HashMap<bool, u64> = HashMap::new();
    let mut odds: HashMap<u8, Vec<u8>> = HashMap::new();
    for n in 1..=9u8 {
        *counts.entry(n % 2 == 0).or_default() += 1;
        if n % 2 == 1 {
            odds.entry(n % 3).or_default().push(n);
        }
    }
    let evens = *counts.get(&true).unwrap_or(&0);
    println!("{} even, {} odd", evens, counts[&false]);
    let mut kept = 0;
    for (_, v) in &odds {
        kept += v.len();
    }
    kept
}

fn main() {
    println!("{}", tally());
}
