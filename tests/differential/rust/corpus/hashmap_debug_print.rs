// entry: debug_print

// `{:?}` prints a map as `{key: value, ...}` and a set as `{item, ...}`, in
// iteration order (so, with more than one entry, in a different order on
// every run: one entry each here). `{:#?}` puts every entry on its own line.
// Printing allocates nothing beyond stdout's buffer.
use std::collections::{HashMap, HashSet};

fn debug_print() -> usize {
    let mut ages: HashMap<&str, Vec<u32>> = HashMap::new();
    ages.insert("ferris", vec![7, 8]);
    println!("{:?}", ages);
    println!("{:#?}", ages);
    let mut tags: HashSet<String> = HashSet::new();
    tags.insert(String::from("rust"));
    let empty: HashMap<u8, u8> = HashMap::new();
    println!("{:?} {:?} {}", tags, empty, empty.is_empty());
    ages.len() + tags.len()
}

fn main() {
    println!("{}", debug_print());
}
