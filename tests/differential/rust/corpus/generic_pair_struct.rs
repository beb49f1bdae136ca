// entry: main

// Rust Book ch10: a struct with two type parameters, Point<T, U>, and an
// impl<T: Copy + PartialOrd> method block used for one instance.
struct Pair<T> {
    x: T,
    y: T,
}

impl<T: PartialOrd + Copy> Pair<T> {
    fn new(x: T, y: T) -> Self {
        Self { x, y }
    }

    fn largest(&self) -> T {
        if self.x >= self.y { self.x } else { self.y }
    }
}

struct Mixed<T, U> {
    a: T,
    b: U,
}

fn main() {
    let p = Pair::new(3, 8);
    println!("largest {}", p.largest());
    let q = Pair::new('q', 'b');
    println!("largest {}", q.largest());
    let m = Mixed { a: 1.5, b: String::from("one and a half") };
    println!("{} is {}", m.a, m.b);
}
