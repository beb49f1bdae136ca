// entry: push_boundaries

// Pushing exactly to 4, then one more, then to 8, then one more.
fn push_boundaries() -> usize {
    let mut v: Vec<i64> = Vec::new();
    let mut caps = 0;
    for i in 0..17 {
        v.push(i);
        if v.len() == v.capacity() {
            caps += v.capacity();
        }
    }
    println!("len={} cap={}", v.len(), v.capacity());
    caps
}

fn main() {
    println!("{}", push_boundaries());
}
