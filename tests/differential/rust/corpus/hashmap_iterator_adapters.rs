// entry: fruit_stats

// HashMap iterators feed the usual adapters: `values().filter(..).count()`,
// `iter().map(..).sum()`, `keys().map(..).max()`, `values().any(..)`, and
// `keys().copied().collect()` then `sort()` for a stable order. Borrowing
// iterators allocate nothing; the collect allocates its Vec at the first key
// (room for all of them: the map knows its length, but is not TrustedLen).
use std::collections::HashMap;

fn fruit_stats() -> usize {
    let mut stock: HashMap<&str, u32> = HashMap::new();
    stock.insert("apple", 3);
    stock.insert("kiwi", 12);
    stock.insert("fig", 7);
    stock.insert("plum", 0);
    let plenty = stock.values().filter(|n| **n > 5).count();
    let total: u32 = stock.iter().map(|(_, n)| *n).sum();
    let longest = stock.keys().map(|name| name.len()).max().unwrap_or(0);
    let sold_out = stock.values().any(|n| *n == 0);
    let mut names: Vec<&str> = stock.keys().copied().collect();
    names.sort();
    println!("{} plentiful, {} in total, longest name {}, sold out: {}", plenty, total, longest, sold_out);
    println!("{:?} (capacity {})", names, names.capacity());
    plenty + total as usize + longest + names.len()
}

fn main() {
    println!("{}", fruit_stats());
}
