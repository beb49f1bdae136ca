// entry: main

// writeln! inside fmt: a 2x2 matrix printed over two lines, and the
// String that format! grows as each piece arrives.
use std::fmt;

struct Matrix {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
}

impl fmt::Display for Matrix {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(f, "( {} {} )", self.a, self.b)?;
        write!(f, "( {} {} )", self.c, self.d)
    }
}

fn main() {
    let m = Matrix { a: 1.1, b: 1.2, c: 2.1, d: 2.2 };
    println!("Matrix:\n{}", m);
    let s = format!("{}", m);
    println!("{} bytes", s.len());
}
