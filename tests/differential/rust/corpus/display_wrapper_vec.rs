// entry: main

// The newtype pattern (Rust Book ch19): Display for a wrapper around a
// Vec<String>, written piece by piece in a loop.
use std::fmt;

struct Wrapper(Vec<String>);

impl fmt::Display for Wrapper {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "[")?;
        let mut first = true;
        for s in self.0.iter() {
            if !first {
                write!(f, ", ")?;
            }
            write!(f, "{}", s)?;
            first = false;
        }
        write!(f, "]")
    }
}

fn main() {
    let w = Wrapper(vec![String::from("hello"), String::from("world")]);
    println!("w = {}", w);
    let s = w.to_string();
    println!("{}", s.len());
}
