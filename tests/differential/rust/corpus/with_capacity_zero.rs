// entry: with_capacity_zero

// with_capacity(0) allocates nothing; the first push allocates the minimum capacity.
fn with_capacity_zero() -> usize {
    let mut a: Vec<u8> = Vec::with_capacity(0);
    let mut b: Vec<i64> = Vec::with_capacity(0);
    a.push(1);
    b.push(1);
    a.capacity() * 10 + b.capacity()
}

fn main() {
    println!("{}", with_capacity_zero());
}
