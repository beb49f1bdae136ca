// entry: remove_short_words

// Retaining in a `Vec<String>`: every rejected String is dropped (its heap
// bytes freed) the moment `retain` reaches it, first to last; the kept
// Strings are moved down without copying their bytes.
fn remove_short_words() -> usize {
    let mut words: Vec<String> = Vec::new();
    for w in ["a", "stack", "is", "not", "a", "heap"] {
        words.push(w.to_string());
    }
    words.retain(|w| w.len() > 2);
    println!("{:?}", words);
    let mut total = 0;
    for w in &words {
        total += w.len();
    }
    total
}

fn main() {
    println!("{}", remove_short_words());
}
