// entry: main

// to_string() on a type that implements Display: std's blanket ToString
// starts from String::new() and grows as each piece is written.
use std::fmt;

struct Temperature {
    degrees: f64,
    scale: char,
}

impl fmt::Display for Temperature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}°{}", self.degrees, self.scale)
    }
}

fn main() {
    let t = Temperature { degrees: 21.456, scale: 'C' };
    let s = t.to_string();
    println!("{} has {} bytes", s, s.len());
    let cold = Temperature { degrees: -3.0, scale: 'F' };
    let report = format!("today: {}, tomorrow: {}", t, cold);
    println!("{}", report);
}
