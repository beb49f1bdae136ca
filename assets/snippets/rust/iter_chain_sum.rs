// title: Iterator chain, no collect
// entry: iter_chain_sum
// lesson: allocation
// claim: Chaining map and filter builds an intermediate collection at every step.
// truth: Adapters are lazy: map and filter are small structs on the stack and sum pulls one value at a time, so the chain allocates nothing.
// par: 680

fn iter_chain_sum() -> i64 {
    let numbers = [3i64, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
    numbers.iter().map(|x| *x * *x).filter(|x| *x % 2 == 1).sum()
}

fn main() {
    println!("{}", iter_chain_sum());
}
