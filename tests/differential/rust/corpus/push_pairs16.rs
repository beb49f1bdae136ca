// entry: push_pairs

// Vec<(i64, i64)>: 16-byte elements, capacity 4 then doubling.
fn push_pairs() -> i64 {
    let mut v: Vec<(i64, i64)> = Vec::new();
    for i in 0..21 {
        v.push((i, i * 2));
    }
    let mut total = 0;
    for p in &v {
        let (a, b) = *p;
        total += a + b;
    }
    total
}

fn main() {
    println!("{}", push_pairs());
}
