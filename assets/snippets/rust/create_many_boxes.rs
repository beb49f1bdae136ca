// title: A thousand boxes
// entry: create_many_boxes
// lesson: allocation
// claim: Boxing each value puts every one of them on the heap: a thousand boxes are a thousand allocations, plus one for the Vec that holds them.
// pair: go/create_many_boxes
// par: 540

fn create_many_boxes() -> Vec<Box<i32>> {
    (0..1000).map(|i| Box::new(i)).collect()
}

fn main() {
    let boxes = create_many_boxes();
    println!("{}", boxes.len());
}
