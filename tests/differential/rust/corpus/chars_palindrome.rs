// entry: palindromes

// A palindrome check that ignores case and punctuation: keep the letters,
// lowercase them, and compare with the reverse. Each `collect` allocates a
// fresh String; a filter makes the size hint 0, so that String starts empty
// and grows 8 -> 16 -> 32 bytes as chars are pushed.
fn is_palindrome(text: &str) -> bool {
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).map(|c| c.to_ascii_lowercase()).collect();
    let backwards: String = letters.chars().rev().collect();
    letters == backwards
}

fn palindromes() -> usize {
    let mut found = 0;
    for s in ["Racecar", "Never odd or even", "stack vs heap", "Was it a car or a cat I saw?"] {
        let p = is_palindrome(s);
        println!("{:?}: {}", s, p);
        if p {
            found += 1;
        }
    }
    found
}

fn main() {
    println!("{}", palindromes());
}
