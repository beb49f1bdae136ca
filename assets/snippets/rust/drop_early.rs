// title: Dropping early
// entry: drop_early
// lesson: ownership
// claim: A Vec's memory is only given back when the function returns.
// truth: drop(x) frees the buffer right there, before the next allocation; without it the 4 KiB would stay live until the end of the scope.
// par: 614

fn drop_early() -> usize {
    let big = vec![7u8; 4096];
    let first = big[0] as usize;
    drop(big);
    let small = vec![first; 4];
    small.len() + small[3]
}

fn main() {
    println!("{}", drop_early());
}
