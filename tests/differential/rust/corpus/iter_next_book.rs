// entry: main

// The Rust Book, ch13: calling next by hand on an iterator in a `let mut`.
fn main() {
    let v1 = vec![1, 2, 3];
    let mut v1_iter = v1.iter();
    println!("{:?}", v1_iter.next());
    println!("{:?}", v1_iter.next());
    println!("{:?}", v1_iter.next());
    println!("{:?}", v1_iter.next());
    let names = vec![String::from("x"), String::from("y"), String::from("z")];
    let mut it = names.into_iter();
    let first = it.next();
    println!("{:?}", first);
    let rest: Vec<String> = it.collect();
    println!("{:?}", rest);
}
