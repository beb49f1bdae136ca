// entry: main

// Operator overloading (Rust Book ch19): impl Add for Point, so `p1 + p2`
// is a call of the user's add; a Copy type is copied in, nothing moves.
use std::ops::Add;

#[derive(Debug, Copy, Clone, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

impl Add for Point {
    type Output = Point;

    fn add(self, other: Point) -> Point {
        Point {
            x: self.x + other.x,
            y: self.y + other.y,
        }
    }
}

fn main() {
    let p1 = Point { x: 1, y: 0 };
    let p2 = Point { x: 2, y: 3 };
    let p3 = p1 + p2;
    assert_eq!(p3, Point { x: 3, y: 3 });
    println!("{:?} + {:?} = {:?}", p1, p2, p3);
    let mut acc = Point { x: 0, y: 0 };
    for k in 0..4 {
        acc = acc + Point { x: k, y: 1 };
    }
    println!("{:?}", acc);
}
