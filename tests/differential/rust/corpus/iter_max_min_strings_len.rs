// entry: main

fn main() {
    let words = vec!["apple", "fig", "banana", "kiwi"];
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    let shortest = words.iter().map(|w| w.len()).min().unwrap_or(0);
    println!("{} {}", longest, shortest);
    let total: usize = words.iter().map(|w| w.len()).fold(0, |a, b| a + b);
    let any_long = words.iter().any(|w| w.len() > 5);
    println!("{} {}", total, any_long);
}
