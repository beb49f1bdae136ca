// entry: clone_string

// String::from and to_string allocate exactly the length; clone copies exactly len bytes.
fn clone_string() -> usize {
    let greeting = String::from("hello, heap");
    let copy = greeting.clone();
    let other = "stack".to_string();
    let other_copy = other.clone();
    println!("{} {} {} {}", greeting, copy, other, other_copy);
    greeting.len() + copy.len() + other.len() + other_copy.len()
}

fn main() {
    println!("{}", clone_string());
}
