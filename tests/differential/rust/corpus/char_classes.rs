// entry: main

// Counting character classes with the char methods: no allocation at all.
fn main() {
    let text = "Hello, World! 123 ok?";
    let mut letters = 0;
    let mut digits = 0;
    let mut spaces = 0;
    let mut upper = 0;
    let mut punct = 0;
    let mut sum = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let c = bytes[i] as char;
        if c.is_alphabetic() {
            letters += 1;
        }
        if c.is_ascii_digit() {
            digits += 1;
            sum += c.to_digit(10).unwrap();
        }
        if c.is_whitespace() {
            spaces += 1;
        }
        if c.is_uppercase() {
            upper += 1;
        }
        if c.is_ascii_punctuation() {
            punct += 1;
        }
    }
    println!("{letters} letters, {digits} digits (sum {sum}), {spaces} spaces, {upper} upper, {punct} punct");
    let c = 'q';
    println!("{} {} {:?} {:?}", c.to_ascii_uppercase(), 'é'.len_utf8(), 'f'.to_digit(16), 'z'.to_digit(10));
    println!("{} {}", '7'.is_numeric(), 'x'.is_alphanumeric());
}
