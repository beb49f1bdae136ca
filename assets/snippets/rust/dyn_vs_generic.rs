// title: Box<dyn Trait> vs generics
// entry: dyn_vs_generic
// lesson: allocation
// claim: A trait is a trait: a function over `&T: Shape` and a `Vec<Box<dyn Shape>>` cost the same, both call area() on each shape.
// truth: The generic function is monomorphised (one copy per type, a static call on a value on the stack: nothing allocated). The trait-object list puts every shape in its own heap box (Circle 8 bytes, Rect 16) behind a 16-byte fat pointer (data + vtable), each area() a load from the vtable and an indirect call; a zero-sized shape's box allocates nothing.
// par: 672

trait Shape {
    fn area(&self) -> f64;
}

struct Circle {
    r: f64,
}

struct Rect {
    w: f64,
    h: f64,
}

struct Point;

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.0 * self.r * self.r
    }
}

impl Shape for Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }
}

impl Shape for Point {
    fn area(&self) -> f64 {
        0.0
    }
}

// monomorphised: area_of::<Circle> and area_of::<Rect>, static calls
fn area_of<T: Shape>(s: &T) -> f64 {
    s.area()
}

fn dyn_vs_generic() -> f64 {
    let c = Circle { r: 1.0 };
    let r = Rect { w: 2.0, h: 3.0 };
    let generic = area_of(&c) + area_of(&r) + area_of(&Point);

    let shapes: Vec<Box<dyn Shape>> = vec![
        Box::new(Circle { r: 1.0 }),
        Box::new(Rect { w: 2.0, h: 3.0 }),
        Box::new(Point),
    ];
    let mut boxed = 0.0;
    for s in &shapes {
        boxed += s.area(); // through the vtable
    }
    generic + boxed
}

fn main() {
    println!("{}", dyn_vs_generic());
}
