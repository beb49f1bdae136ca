// title: to_string through Display
// entry: display_to_string
// lesson: growth
// claim: to_string() on your own Display type allocates the String once, the size of the text.
// truth: std's ToString for a Display type starts from String::new() (no allocation) and pushes each piece your fmt writes: write!(f, "({}, {})", x, y) is five writes, so the String is allocated at 8 bytes, then reallocated to 16 as it grows (amortized doubling), never sized up front. format!("{}", p) grows the same way: its capacity estimate is 0 when the string starts with a hole and has under 16 bytes of literal text.
// par: 691

use std::fmt;

struct Point {
    x: i64,
    y: i64,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

fn display_to_string() -> usize {
    let p = Point { x: 1200, y: -34 };
    let s = p.to_string(); // "(1200, -34)": 11 bytes, in a String grown 8 -> 16
    let t = format!("{}", p);
    s.capacity() + t.capacity()
}

fn main() {
    println!("{}", display_to_string());
}
