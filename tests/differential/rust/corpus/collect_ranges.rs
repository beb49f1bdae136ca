// entry: collect_ranges

// Ranges are TrustedLen: one exact allocation each; an empty range allocates nothing.
fn collect_ranges() -> usize {
    let a: Vec<i64> = (0..50).collect();
    let b = (0..=9).collect::<Vec<u8>>();
    let c: Vec<i32> = (5..5).collect();
    let d: Vec<i64> = (3..7).collect();
    a.capacity() + b.capacity() + c.capacity() + d.capacity()
}

fn main() {
    println!("{}", collect_ranges());
}
