// entry: chars_and_bools

// Vec<char> (4-byte) and Vec<bool> (1-byte) growth.
fn chars_and_bools() -> usize {
    let mut letters: Vec<char> = Vec::new();
    let mut flags: Vec<bool> = Vec::new();
    for i in 0..26u8 {
        letters.push((b'a' + i) as char);
        flags.push(i % 3 == 0);
    }
    let mut set = 0;
    for f in &flags {
        if *f {
            set += 1;
        }
    }
    println!("{} {}", letters[25], set);
    letters.capacity() + flags.capacity() + set
}

fn main() {
    println!("{}", chars_and_bools());
}
