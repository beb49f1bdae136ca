// entry: main

// Editing a String in place: insert and insert_str reserve like push, pop and
// remove shrink the length only. join allocates the result once, exactly.
fn main() {
    let mut s = String::from("world");
    s.insert_str(0, "hello ");
    s.insert(5, ',');
    s.push('!');
    println!("{s} {}", s.len());
    let last = s.pop();
    let first = s.remove(0);
    println!("{:?} {} {}", last, first, s);
    s.truncate(4);
    println!("{s}");
    let words = vec![String::from("stack"), String::from("vs"), String::from("heap")];
    let title = words.join(" ");
    let parts = ["a", "b", "c"];
    println!("{} {}", title, parts.join("-"));
}
