// entry: word_count

// The classic word count (The Rust Programming Language, 8.3): `entry(word)`
// finds the slot of `word` or reserves a new one, `or_insert(0)` fills it, and
// `*count += 1` writes through the `&mut i32` it returns. The keys are `&str`
// pointing into the string literals, so the only heap block is the table:
// 4 buckets of (&str, i32) = 24 bytes each, then 16 more control bytes.
use std::collections::HashMap;

fn word_count() -> usize {
    let text = ["the", "cat", "sat", "on", "the", "mat", "the", "end"];
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for word in text {
        let count = counts.entry(word).or_insert(0);
        *count += 1;
    }
    println!("the: {}", counts.get("the").unwrap_or(&0));
    println!("cat: {}", counts.get("cat").unwrap_or(&0));
    println!("dog: {}", counts.get("dog").unwrap_or(&0));
    counts.len()
}

fn main() {
    println!("{} distinct words", word_count());
}
