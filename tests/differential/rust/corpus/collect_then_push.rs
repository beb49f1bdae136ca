// entry: collect_then_push

// collect allocates exactly len; the next push reallocates to double.
fn collect_then_push() -> usize {
    let mut v: Vec<i64> = (0..10).map(|x| x + 1).collect();
    v.push(11);
    let mut w: Vec<u8> = (0..3).collect();
    w.push(4);
    v.capacity() * 100 + w.capacity()
}

fn main() {
    println!("{}", collect_then_push());
}
