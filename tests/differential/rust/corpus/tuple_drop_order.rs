// entry: tuple_drop_order

// A tuple drops its fields first to last; locals drop last-declared first.
fn tuple_drop_order() -> usize {
    let first = vec![1u8; 10];
    let pair = (vec![2u8; 20], String::from("thirty bytes of text, exactly"), vec![3u8; 40]);
    let last = vec![4u8; 50];
    first.len() + pair.0.len() + pair.1.len() + pair.2.len() + last.len()
}

fn main() {
    println!("{}", tuple_drop_order());
}
