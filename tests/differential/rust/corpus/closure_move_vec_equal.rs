// entry: main

// The Rust Book's equal_to_x with a Vec: `move` takes ownership of x; the
// Vec is freed when the closure goes out of scope, not when x's would.
fn main() {
    let x = vec![1, 2, 3];
    let equal_to_x = move |z: Vec<i32>| z.len() == x.len() && z[0] == x[0];
    let y = vec![1, 2, 3];
    println!("{}", equal_to_x(y));
    println!("{}", equal_to_x(vec![4]));
}
