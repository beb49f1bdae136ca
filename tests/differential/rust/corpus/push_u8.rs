// entry: push_u8

// Vec<u8>: 1-byte elements start at capacity 8, then double: 8, 16, 32, 64, 128.
fn push_u8() -> usize {
    let mut v: Vec<u8> = Vec::new();
    for i in 0..100 {
        v.push(i as u8);
    }
    v.len() + v.capacity()
}

fn main() {
    println!("{}", push_u8());
}
