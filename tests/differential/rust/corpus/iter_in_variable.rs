// entry: main

// An iterator kept in a variable does nothing until a consumer pulls it.
fn main() {
    let v = vec![1, 2, 3, 4];
    let doubled = v.iter().map(|x| x * 2);
    let total: i32 = doubled.sum();
    println!("{}", total);
}
