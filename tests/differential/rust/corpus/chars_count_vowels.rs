// entry: main

fn main() {
    let text = "the quick brown fox jumps over the lazy dog";
    let vowels = text.chars().filter(|c| "aeiou".contains(*c)).count();
    let words = text.chars().filter(|c| *c == ' ').count() + 1;
    println!("{} vowels, {} words", vowels, words);
    for (i, c) in text.chars().enumerate().take(3) {
        println!("{} {}", i, c);
    }
    let letters: Vec<char> = text.chars().filter(|c| *c != ' ').collect();
    println!("{} {}", letters.len(), letters.capacity());
}
