// entry: main

// The same total area two ways: a generic function over values (static
// calls, no allocation) and a loop over Box<dyn Shape> (one allocation
// per shape, a vtable call each).
trait Shape {
    fn area(&self) -> f64;
}

struct Square(f64);
struct Tri(f64, f64);

impl Shape for Square {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}

impl Shape for Tri {
    fn area(&self) -> f64 {
        0.5 * self.0 * self.1
    }
}

fn area_of<T: Shape>(s: &T) -> f64 {
    s.area()
}

fn total_dyn(shapes: &[Box<dyn Shape>]) -> f64 {
    let mut t = 0.0;
    for s in shapes {
        t += s.area();
    }
    t
}

fn main() {
    let a = Square(2.0);
    let b = Tri(3.0, 4.0);
    let fast = area_of(&a) + area_of(&b);
    let boxed: Vec<Box<dyn Shape>> = vec![Box::new(Square(2.0)), Box::new(Tri(3.0, 4.0))];
    let slow = total_dyn(&boxed);
    println!("{} {}", fast, slow);
}
