// title: What clone costs
// entry: clone_costs
// lesson: ownership
// claim: clone() is cheap: it just hands out another handle to the same data.
// truth: Cloning a Vec allocates a new buffer of exactly len elements and copies every one; lending it with & costs nothing.
// par: 527

fn sum(values: &[i64]) -> i64 {
    let mut total = 0;
    for v in values {
        total += *v;
    }
    total
}

fn clone_costs() -> i64 {
    let original: Vec<i64> = (0..500).collect();
    let borrowed = sum(&original);
    let copy = original.clone();
    let cloned = sum(&copy);
    borrowed + cloned
}

fn main() {
    println!("{}", clone_costs());
}
