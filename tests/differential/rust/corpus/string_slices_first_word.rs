// entry: main

// The Rust Book, ch. 4.3: first_word with as_bytes and string slices. A
// slice borrows part of the String's heap buffer: no allocation.
fn first_word(s: &String) -> &str {
    let bytes = s.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == 32 {
            return &s[0..i];
        }
    }
    &s[..]
}

fn second_word(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 32 {
            if start == 0 {
                start = i + 1;
            } else {
                return &s[start..i];
            }
        }
        i += 1;
    }
    &s[start..]
}

fn main() {
    let s = String::from("hello world again");
    let word = first_word(&s);
    let hello = &s[0..5];
    let world = &s[6..11];
    println!("{} | {} | {} | {}", word, hello, world, second_word(&s));
    let lit = "salut tout le monde";
    println!("{} {} {}", &lit[..5], second_word(lit), lit.as_bytes().len());
    let accents = String::from("héllo");
    println!("{} {}", &accents[0..3], &accents[3..=5]);
}
