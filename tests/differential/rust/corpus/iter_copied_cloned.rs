// entry: main

// copied() reads each value out; cloned() on Strings allocates a copy of
// each one (exactly its length), and both keep the length known.
fn main() {
    let nums = vec![5, 3, 8];
    let owned: Vec<i32> = nums.iter().copied().collect();
    let largest = nums.iter().copied().max().unwrap_or(0);
    println!("{:?} {} {}", owned, owned.capacity(), largest);
    let names = vec![String::from("ada"), String::from("grace"), String::from("linus")];
    let copies: Vec<String> = names.iter().cloned().collect();
    let long: Vec<String> = names.iter().filter(|n| n.len() > 3).cloned().collect();
    println!("{:?} {:?} {}", copies, long, long.capacity());
    let product: i64 = (1..=10).product();
    println!("{}", product);
}
