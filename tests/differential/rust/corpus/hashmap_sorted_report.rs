// entry: sorted_report

// A word-frequency report in a stable order: a HashMap iterates in an order
// that changes from run to run, so collect the keys into a Vec and sort it.
// `keys().collect()` allocates once: a HashMap iterator knows its exact
// length, so the Vec gets room for all the keys at the first one.
use std::collections::HashMap;

fn sorted_report() -> HashMap<String, usize> {
    let text = ["one", "fish", "two", "fish", "red", "fish", "blue", "fish"];
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in text {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    let mut words: Vec<&String> = counts.keys().collect();
    words.sort();
    for w in &words {
        println!("{:>5} {}", w, counts[*w]);
    }
    let total: usize = counts.values().sum();
    println!("{} words, {} distinct", total, counts.len());
    counts
}

fn main() {
    sorted_report();
}
