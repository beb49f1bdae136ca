// entry: main

// format!'s first allocation: literal text doubled when there are arguments.
fn main() {
    let n = 1;
    let short = format!("n={}", n);          // 2 literal bytes: capacity 4
    let long = format!("the value of n is {}", n); // 18 bytes: capacity 36
    let starts = format!("{} apples", n);    // starts with a hole, short: capacity 0, then 8
    let starts_long = format!("{} is the loneliest number that you'll ever do", n);
    println!("{} {} {} {}", short.capacity(), long.capacity(), starts.capacity(), starts_long.capacity());
}
