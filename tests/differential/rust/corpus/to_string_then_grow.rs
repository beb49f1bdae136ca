// entry: to_string_grow

// to_string on a literal allocates exactly its length; a push_str then doubles it.
fn to_string_grow() -> String {
    let mut s = "heap".to_string();
    s.push_str("!");
    s.push_str("??");
    let t = String::from("");
    s.push_str("0123456789");
    println!("{}{}", s, t);
    s
}

fn main() {
    println!("{}", to_string_grow());
}
