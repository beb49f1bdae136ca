// entry: main

// The Rust Book's Counter, with zip and skip on ranges: no heap at all.
fn main() {
    let sum: u32 = (1..6u32)
        .zip((1..6u32).skip(1))
        .map(|(a, b)| a * b)
        .filter(|x| x % 3 == 0)
        .sum();
    println!("{}", sum);
}
