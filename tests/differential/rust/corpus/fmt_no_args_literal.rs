// entry: main

// format! with no arguments is just "...".to_owned(): exactly the length.
fn main() {
    let a = format!("plain text");
    let b = format!("");
    let c = format!("{}", "inlined");
    let d = format!("x = {}", 42);
    println!("{} {} {} {}", a.capacity(), b.capacity(), c.capacity(), d.capacity());
    println!("{}{}{}", a, c, d);
}
