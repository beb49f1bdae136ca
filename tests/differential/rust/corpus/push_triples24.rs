// entry: push_triples

// Vec<(i64, i64, i64)>: 24-byte elements.
fn push_triples() -> usize {
    let mut v = Vec::new();
    for i in 0..13i64 {
        v.push((i, i + 1, i + 2));
    }
    let last = v[12];
    let (x, _, z) = last;
    v.len() * 100 + (x + z) as usize
}

fn main() {
    println!("{}", push_triples());
}
