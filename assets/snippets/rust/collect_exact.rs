// title: collect with a known length
// entry: collect_exact
// lesson: growth
// claim: collect() builds the Vec push by push, reallocating as it grows.
// truth: A mapped range knows its exact length (TrustedLen): collect allocates once, exactly 100 elements, and never reallocates.
// par: 627

fn collect_exact() -> Vec<i64> {
    let squares: Vec<i64> = (1..=100).map(|i| i * i).collect();
    squares
}

fn main() {
    println!("{}", collect_exact().len());
}
