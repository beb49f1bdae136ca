// entry: caesar

// A Caesar cipher: `map` each char to a shifted one and `collect` into a
// String. Mapping keeps the size hint, so the String reserves
// (bytes + 3) / 4 (at least 8) up front and grows by doubling.
fn shift(c: char, by: u8) -> char {
    if c.is_ascii_lowercase() {
        (((c as u8 - b'a' + by) % 26) + b'a') as char
    } else {
        c
    }
}

fn caesar() -> usize {
    let plain = "attack at dawn, hold the stack";
    let secret: String = plain.chars().map(|c| shift(c, 3)).collect();
    let back: String = secret.chars().map(|c| shift(c, 23)).collect();
    println!("{}\n{}\n{}", plain, secret, back);
    secret.capacity() + back.capacity()
}

fn main() {
    println!("{}", caesar());
}
