// entry: tuple_struct_boxes

// Tuple structs holding a Box and a Vec, passed by reference and by value.
struct Meters(i64);
struct Path(Vec<Meters>, Box<i64>);

fn length(p: &Path) -> i64 {
    let mut total = 0;
    for m in &p.0 {
        total += m.0;
    }
    total * *p.1
}

fn take(p: Path) -> usize {
    p.0.len()
}

fn tuple_struct_boxes() -> i64 {
    let mut path = Path(Vec::new(), Box::new(2));
    path.0.push(Meters(5));
    path.0.push(Meters(7));
    let l = length(&path);
    let n = take(path);
    l + n as i64
}

fn main() {
    println!("{}", tuple_struct_boxes());
}
