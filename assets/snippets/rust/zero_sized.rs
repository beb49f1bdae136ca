// title: Boxes of nothing
// entry: zero_sized
// lesson: allocation
// claim: Box::new and Vec::new always call the allocator.
// truth: Zero-sized values and empty vectors allocate nothing: the Box or Vec holds a dangling, well-aligned pointer, and a Vec<()> never needs a buffer however many times you push.
// par: 558

struct Marker;

fn zero_sized() -> usize {
    let _unit = Box::new(());
    let _marker = Box::new(Marker);
    let empty: Vec<i64> = Vec::new();
    let also_empty: Vec<String> = vec![];
    let mut units = Vec::new();
    for _ in 0..1000 {
        units.push(());
    }
    empty.len() + also_empty.len() + units.len()
}

fn main() {
    println!("{}", zero_sized());
}
