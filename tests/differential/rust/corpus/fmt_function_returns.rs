// entry: main

// A function that returns a formatted String: the caller owns it.
fn describe(name: &str, age: u32) -> String {
    format!("{} is {} years old", name, age)
}

fn main() {
    let a = describe("Alice", 30);
    let b = describe("Bob", 4);
    println!("{}", a);
    println!("{}", b);
    println!("{}", a.len() + b.len());
}
