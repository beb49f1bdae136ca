// entry: main

// The content of a Box moved out on one branch, the whole Box moved on the other:
// at the end of the scope the Box is freed only on the first path (its drop flag).
fn f(l: Box<String>, c: bool) -> String {
    let keep: Box<String>;
    let out;
    if c {
        out = *l;
        keep = Box::new(String::new());
    } else {
        out = String::from("x");
        keep = l;
    }
    drop(keep);
    out
}
fn main() {
    let a = f(Box::new(String::from("a")), true);
    let b = f(Box::new(String::from("b")), false);
    println!("{} {}", a, b);
}
