// entry: vec_literals

// vec![] allocates nothing; vec![a, b, c] allocates exactly 3 elements,
// so the next push grows it to max(2 * 3, 4) = 6.
fn vec_literals() -> usize {
    let empty: Vec<i64> = vec![];
    let mut three = vec![1i64, 2, 3];
    println!("{} {}", three.len(), three.capacity());
    three.push(4);
    println!("{} {}", three.len(), three.capacity());
    empty.len() + three.capacity()
}

fn main() {
    println!("{}", vec_literals());
}
