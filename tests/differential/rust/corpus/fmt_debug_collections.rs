// entry: main

// Debug of vectors, options and tuples: brackets, commas and Some(...).
fn main() {
    let words = vec![String::from("a"), String::from("bb")];
    let a = format!("{:?}", words);
    let maybe: Option<i32> = Some(5);
    let none: Option<i32> = None;
    let b = format!("{:?} {:?}", maybe, none);
    let pair = (1, "one");
    let c = format!("{:?}", pair);
    let nested = vec![vec![1, 2], vec![3]];
    let d = format!("{:?}", nested);
    println!("{} {} {} {}", a, b, c, d);
}
