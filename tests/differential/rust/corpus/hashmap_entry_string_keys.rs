// entry: count_owned

// Counting with owned `String` keys: `entry` takes the key by value, so
// `word.to_string()` allocates a copy of every word, also the ones already
// counted; for those the entry drops the copy again right away. Only the
// first sighting of a word keeps its String (in the table).
use std::collections::HashMap;

fn count_owned() -> HashMap<String, u32> {
    let words = ["red", "green", "red", "blue", "red", "green"];
    let mut counts: HashMap<String, u32> = HashMap::new();
    for word in words {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    println!("red {}, green {}, blue {}", counts["red"], counts["green"], counts["blue"]);
    counts
}

fn main() {
    let counts = count_owned();
    println!("{} colours", counts.len());
}
