// entry: count_and_sum

// count and sum consume the iterator without allocating.
fn count_and_sum() -> i64 {
    let v = vec![4i64, 8, 15, 16, 23, 42];
    let n = v.iter().count();
    let odd = v.iter().filter(|x| **x % 2 == 1).count();
    let total: i64 = v.iter().sum();
    let squares: i64 = v.iter().map(|x| *x * *x).sum();
    let range_total: i64 = (1..=10).sum();
    n as i64 + odd as i64 + total + squares + range_total
}

fn main() {
    println!("{}", count_and_sum());
}
