// entry: string_growth

// String::new then push_str: minimum capacity 8, then max(2 * cap, needed).
fn string_growth() -> usize {
    let mut s = String::new();
    s.push_str("a");
    s.push_str("bcdefgh");
    s.push_str("i");
    s.push_str("0123456789012345678901234567890123456789");
    s.push_str("x");
    println!("{}", s);
    s.len()
}

fn main() {
    println!("{}", string_growth());
}
