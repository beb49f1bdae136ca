// entry: main

// Display for a generic struct with a bound: impl<T: Display> Display for
// Labeled<T>, monomorphised for i32 and for String.
use std::fmt;

struct Labeled<T> {
    label: String,
    value: T,
}

impl<T: fmt::Display> fmt::Display for Labeled<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.label, self.value)
    }
}

fn main() {
    let n = Labeled { label: String::from("count"), value: 42 };
    let s = Labeled { label: String::from("name"), value: String::from("Ferris") };
    println!("{}", n);
    println!("{}", s);
    let both = format!("[{}] [{}]", n, s);
    println!("{} ({} bytes)", both, both.len());
}
