// entry: main

// extend_from_slice on a Vec<String> clones every String it copies: one
// reserve for the Vec, then one allocation per cloned String.
fn main() {
    let fruits = [String::from("apple"), String::from("pear")];
    let mut basket: Vec<String> = Vec::with_capacity(1);
    basket.push(String::from("fig"));
    basket.extend_from_slice(&fruits);
    let more = vec![String::from("kiwi")];
    basket.extend_from_slice(&more);
    println!("{:?} {}", basket, basket.capacity());
    println!("{:?}", fruits);
}
