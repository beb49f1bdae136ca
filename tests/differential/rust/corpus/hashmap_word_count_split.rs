// entry: main

// The Rust Book's word count (ch08-03): split_whitespace borrows each word
// from the text, so only the map's table and the sorted Vec of keys allocate.
use std::collections::HashMap;

fn main() {
    let text = "hello world wonderful world";
    let mut map = HashMap::new();
    for word in text.split_whitespace() {
        let count = map.entry(word).or_insert(0);
        *count += 1;
    }
    let mut keys: Vec<&&str> = map.keys().collect();
    keys.sort();
    for k in keys {
        println!("{k}: {}", map[k]);
    }
}
