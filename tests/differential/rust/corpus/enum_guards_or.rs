// entry: main

// Guards, `|` patterns, ranges and `_` in matches on an enum of shapes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Square(f64),
    Empty,
}

fn area(s: Shape) -> f64 {
    match s {
        Shape::Circle(r) => 3.0 * r * r,
        Shape::Rect { w, h } => w * h,
        Shape::Square(a) => a * a,
        Shape::Empty => 0.0,
    }
}

fn describe(s: &Shape) -> &'static str {
    match s {
        Shape::Circle(r) if *r > 10.0 => "big circle",
        Shape::Circle(_) => "circle",
        Shape::Rect { w, h } if w == h => "square rect",
        Shape::Rect { .. } | Shape::Square(_) => "four corners",
        _ => "nothing",
    }
}

fn main() {
    let shapes = [Shape::Circle(1.0), Shape::Circle(20.0), Shape::Rect { w: 2.0, h: 3.0 },
                  Shape::Rect { w: 4.0, h: 4.0 }, Shape::Square(5.0), Shape::Empty];
    let mut total = 0.0;
    for s in shapes {
        total += area(s);
        println!("{} {}", describe(&s), area(s));
    }
    println!("total {}", total);
    let n = shapes.iter().filter(|s| matches!(s, Shape::Circle(_) | Shape::Square(_))).count();
    println!("round or square: {}", n);
    println!("{}", shapes[0] == Shape::Circle(1.0));
}
