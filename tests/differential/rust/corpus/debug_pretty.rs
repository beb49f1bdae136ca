// entry: main

// `{:#?}`: the pretty Debug layout of structs, enums, tuples, Vec, Option,
// String and nested values, one field or element per line.
#[derive(Debug)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Debug)]
struct Unit;

#[derive(Debug)]
enum Shape {
    Dot,
    Circle { center: Point, radius: f64 },
    Poly(Vec<Point>, String),
}

#[derive(Debug)]
struct Scene {
    name: String,
    shapes: Vec<Shape>,
    empty: Vec<i32>,
    tag: Option<char>,
    pair: (u8, &'static str),
    unit: Unit,
}

fn main() {
    let s = Scene {
        name: String::from("demo \"one\""),
        shapes: vec![
            Shape::Dot,
            Shape::Circle { center: Point { x: 1, y: -2 }, radius: 1.5 },
            Shape::Poly(vec![Point { x: 0, y: 0 }, Point { x: 3, y: 4 }], String::from("tri")),
        ],
        empty: Vec::new(),
        tag: Some('{'),
        pair: (7, "a, b"),
        unit: Unit,
    };
    println!("{:#?}", s);
    println!("{:#?} {:#?} {:#?}", Some(5), (), Point { x: 1, y: 2 });
}
