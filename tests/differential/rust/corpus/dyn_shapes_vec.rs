// entry: main

// The classic trait-object list: a Vec<Box<dyn Shape>> holding different
// types; each Box is a fat pointer (data + vtable), each area() a call
// through the vtable.
trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String {
        String::from("shape")
    }
}

struct Circle {
    r: f64,
}

struct Rect {
    w: f64,
    h: f64,
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.14159 * self.r * self.r
    }
    fn name(&self) -> String {
        String::from("circle")
    }
}

impl Shape for Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }
}

fn main() {
    let shapes: Vec<Box<dyn Shape>> = vec![
        Box::new(Circle { r: 1.0 }),
        Box::new(Rect { w: 2.0, h: 3.5 }),
        Box::new(Circle { r: 0.5 }),
    ];
    let mut total = 0.0;
    for s in shapes.iter() {
        println!("{} {}", s.name(), s.area());
        total += s.area();
    }
    println!("total {}", total);
}
