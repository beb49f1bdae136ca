// entry: pop_boxes

// Popping Box elements moves them out; each is freed at the end of its loop body.
fn pop_boxes() -> i64 {
    let mut stack: Vec<Box<i64>> = Vec::new();
    for i in 0..6 {
        stack.push(Box::new(i * 10));
    }
    let mut total = 0;
    while let Some(b) = stack.pop() {
        total += *b;
    }
    total
}

fn main() {
    println!("{}", pop_boxes());
}
