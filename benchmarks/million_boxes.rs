// entry: million_boxes

// One million boxes collected into a Vec, then summed.
fn million_boxes() -> i64 {
    let boxes: Vec<Box<i64>> = (0..1000000).map(|i| Box::new(i)).collect();
    let mut sum: i64 = 0;
    for b in boxes.iter() {
        sum += **b;
    }
    sum
}

fn main() {
    println!("{}", million_boxes());
}
