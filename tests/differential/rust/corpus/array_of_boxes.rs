// entry: array_of_boxes

// An array lives on the stack; its Box elements are freed first to last.
fn array_of_boxes() -> i64 {
    let boxes = [Box::new(1i64), Box::new(2i64), Box::new(3i64)];
    let grid = [[0u8; 16]; 16];
    let mut total = 0;
    for b in &boxes {
        total += **b;
    }
    total + grid[15][15] as i64
}

fn main() {
    println!("{}", array_of_boxes());
}
