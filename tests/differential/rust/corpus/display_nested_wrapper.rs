// entry: main

// Display calling Display: a Line is written through the Display of its
// two Points, all into the same Formatter.
use std::fmt;

#[derive(Clone, Copy)]
struct Point {
    x: i64,
    y: i64,
}

struct Line {
    from: Point,
    to: Point,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "[{}, {}]", self.x, self.y)
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} -> {}", self.from, self.to)
    }
}

fn main() {
    let a = Point { x: 1, y: 2 };
    let b = Point { x: 30, y: 40 };
    let l = Line { from: a, to: b };
    println!("{}", l);
    let text = l.to_string();
    let again = format!("<{}>", text);
    println!("{} {}", text.len(), again);
}
