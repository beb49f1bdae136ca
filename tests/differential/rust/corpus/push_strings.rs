// entry: push_strings

// Vec<String>: each String is its own allocation; the Vec (24-byte elements) grows 4 -> 8.
// At scope end the elements are freed first, in order, then the buffer.
fn push_strings() -> usize {
    let mut names: Vec<String> = Vec::new();
    names.push(String::from("a"));
    names.push(String::from("bb"));
    names.push(String::from("ccc"));
    names.push(String::from("dddd"));
    names.push(String::from("eeeee"));
    let mut total = 0;
    for n in &names {
        total += n.len();
    }
    total
}

fn main() {
    println!("{}", push_strings());
}
