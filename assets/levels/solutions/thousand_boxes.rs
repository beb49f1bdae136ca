// title: A thousand values (solution)
// entry: create_many_boxes

fn create_many_boxes() -> Vec<i32> {
    (0..1000).collect()
}

fn main() {
    let boxes = create_many_boxes();
    println!("{}", boxes.len());
}
