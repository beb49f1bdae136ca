// entry: into_iter_filter

// into_iter().filter().collect() also keeps the source allocation.
fn into_iter_filter() -> usize {
    let v: Vec<i64> = (0..64).collect();
    let evens: Vec<i64> = v.into_iter().filter(|x| *x % 2 == 0).collect();
    let strings = vec![String::from("a"), String::from("bb"), String::from("ccc")];
    let long: Vec<String> = strings.into_iter().filter(|s| s.len() > 1).collect();
    evens.len() + evens.capacity() + long.len()
}

fn main() {
    println!("{}", into_iter_filter());
}
