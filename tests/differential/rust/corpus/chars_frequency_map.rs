// entry: letter_frequency

// Counting characters with a `HashMap<char, usize>`: one table, growing as
// new letters appear (4 -> 8 -> 16 buckets of 16-byte (char, usize) slots).
// The counts are read back for a fixed list of letters, since iterating the
// map gives a different order on every run.
use std::collections::HashMap;

fn letter_frequency() -> usize {
    let text = "the quick brown fox jumps over the lazy dog";
    let mut freq: HashMap<char, usize> = HashMap::new();
    for c in text.chars() {
        if c != ' ' {
            *freq.entry(c).or_insert(0) += 1;
        }
    }
    for c in "aeiou".chars() {
        println!("{}: {}", c, freq.get(&c).unwrap_or(&0));
    }
    println!("{} different letters", freq.len());
    freq.len()
}

fn main() {
    println!("{}", letter_frequency());
}
