// entry: main

// The Rust Book's Display for a Point: `{}` calls the user's fmt, which
// writes into the Formatter with write!.
use std::fmt;

struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

fn main() {
    let origin = Point { x: 0, y: 0 };
    let p = Point { x: 3, y: -7 };
    println!("The origin is: {}", origin);
    println!("p = {}", p);
}
