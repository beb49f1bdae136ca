// entry: grow_big_jump

// Growth takes the larger of double and what is needed: a 100-byte push_str onto an
// 8-byte String goes straight to the needed size.
fn grow_big_jump() -> usize {
    let mut s = String::with_capacity(8);
    s.push_str("12345678");
    s.push_str("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789");
    s.push_str("!");
    s.len() * 1000 + s.capacity()
}

fn main() {
    println!("{}", grow_big_jump());
}
