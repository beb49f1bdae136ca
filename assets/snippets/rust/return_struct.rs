// title: Returning a struct
// entry: return_struct
// lesson: escape
// claim: A value that outlives its function must be moved to the heap.
// truth: Rust never moves a value to the heap behind your back: a returned struct is moved by value into the caller's frame (0 allocations); only Box::new puts it on the heap (1 allocation, freed by whoever owns the Box last).
// par: 708

struct Rect {
    width: i64,
    height: i64,
}

fn make_rect(width: i64, height: i64) -> Rect {
    let r = Rect { width: width, height: height };
    r
}

fn make_boxed_rect(width: i64, height: i64) -> Box<Rect> {
    Box::new(Rect { width: width, height: height })
}

fn return_struct() -> i64 {
    let plain = make_rect(3, 4);
    let boxed = make_boxed_rect(5, 6);
    plain.width * plain.height + boxed.width * boxed.height
}

fn main() {
    println!("{}", return_struct());
}
