// entry: push_u16

// Vec<u16>: 2-byte elements start at capacity 4 (8 bytes).
fn push_u16() -> u32 {
    let mut v: Vec<u16> = Vec::new();
    let mut i: u16 = 0;
    while i < 50 {
        v.push(i * 3);
        i += 1;
    }
    let mut total: u32 = 0;
    for x in &v {
        total += *x as u32;
    }
    total
}

fn main() {
    println!("{}", push_u16());
}
