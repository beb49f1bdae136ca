// entry: main

// fold, any, all: consumers that pull items without allocating.
fn main() {
    let nums = vec![3, 8, 12, 5, 7];
    let product = nums.iter().fold(1, |acc, x| acc * x);
    let has_even = nums.iter().any(|x| x % 2 == 0);
    let all_pos = nums.iter().all(|x| *x > 0);
    println!("product {} even {} positive {}", product, has_even, all_pos);
}
