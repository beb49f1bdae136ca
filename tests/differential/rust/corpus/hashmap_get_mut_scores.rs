// entry: scores

// Team scores (The Rust Programming Language, 8.3): `get` borrows a value,
// `get_mut` borrows it mutably so it can be changed in place, and
// `contains_key` only asks. None of them allocates.
use std::collections::HashMap;

fn scores() -> i32 {
    let mut scores = HashMap::new();
    scores.insert("Blue", 10);
    scores.insert("Yellow", 50);
    if let Some(s) = scores.get_mut("Blue") {
        *s += 25;
    }
    let blue = match scores.get("Blue") {
        Some(s) => *s,
        None => 0,
    };
    println!("Blue: {}", blue);
    if !scores.contains_key("Red") {
        println!("no Red team yet");
    }
    blue + *scores.get("Yellow").unwrap_or(&0)
}

fn main() {
    println!("{}", scores());
}
