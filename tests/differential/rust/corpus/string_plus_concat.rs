// entry: main

// `+` moves the left String and appends; `+=` appends in place.
fn main() {
    let hello = String::from("Hello");
    let greeting = hello + ", ";
    let mut full = greeting + "world";
    full += "!";
    full += " How are you today?";
    println!("{} {}", full, full.capacity());
    let empty = String::new();
    println!("{} {}", empty.is_empty(), full.is_empty());
}
