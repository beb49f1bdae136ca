// title: Moving a Box into a function
// entry: move_box
// lesson: ownership
// claim: Passing a Box to a function copies the value it points to.
// truth: Only the 8-byte pointer is moved: the callee owns the heap block and frees it when it returns, and the caller, whose binding was moved from, frees nothing.
// par: 717

struct Point {
    x: i64,
    y: i64,
}

fn consume(p: Box<Point>) -> i64 {
    p.x * p.y
}

fn move_box() -> i64 {
    let point = Box::new(Point { x: 6, y: 7 });
    let area = consume(point);
    area
}

fn main() {
    println!("{}", move_box());
}
