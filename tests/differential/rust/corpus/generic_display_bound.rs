// entry: main

// A generic function with a Display bound builds a report with to_string:
// each instance formats its own type.
use std::fmt::Display;

fn report<T: Display>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&item.to_string());
        out.push(';');
    }
    out
}

fn main() {
    let nums = [3, 14, 159];
    let words = vec!["alpha", "beta"];
    println!("{}", report(&nums));
    println!("{}", report(&words));
    let floats = vec![0.5, 2.25];
    let r = report(&floats);
    println!("{} {}", r, r.capacity());
}
