// entry: into_iter_sum

// into_iter().map().sum() consumes the Vec: its buffer is freed when the iterator ends.
fn into_iter_sum() -> i64 {
    let v = vec![3i64, 5, 7, 9];
    let total: i64 = v.into_iter().map(|x| x * 10).sum();
    let w = vec![Box::new(1i64), Box::new(2i64)];
    let mut boxed_total = 0;
    for b in w.into_iter() {
        boxed_total += *b;
    }
    total + boxed_total
}

fn main() {
    println!("{}", into_iter_sum());
}
