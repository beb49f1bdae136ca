// entry: main

// A trait implemented for a struct and an enum; an associated function
// (no self) and methods taking self by value and by reference.
trait Area {
    fn area(&self) -> f64;
    fn describe(&self) -> String {
        let mut s = String::from("area ");
        s.push_str(if self.area() > 1.0 { "big" } else { "small" });
        s
    }
    fn unit() -> Self;
}

#[derive(Debug, Clone, Copy)]
struct Square {
    side: f64,
}

impl Area for Square {
    fn area(&self) -> f64 {
        self.side * self.side
    }
    fn unit() -> Square {
        Square { side: 1.0 }
    }
}

#[derive(Debug)]
enum Blob {
    Dot,
    Disc(f64),
}

impl Area for Blob {
    fn area(&self) -> f64 {
        match self {
            Blob::Dot => 0.0,
            Blob::Disc(r) => 3.0 * r * r,
        }
    }
    fn unit() -> Self {
        Blob::Disc(1.0)
    }
}

fn main() {
    let s = Square { side: 2.5 };
    let u = Square::unit();
    let b = Blob::Disc(2.0);
    let d = Blob::unit();
    println!("{} {} {} {}", s.area(), u.area(), b.area(), d.area());
    println!("{}", s.describe());
    println!("{}", Blob::Dot.describe());
    println!("{:?} {:?}", s, b);
}
