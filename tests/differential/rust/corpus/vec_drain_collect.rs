// entry: split_batch

// `drain(1..4)` takes a range of elements out of the Vec and closes the gap.
// The Drain allocates nothing; collecting it allocates one buffer of exactly
// the drained length (3 elements here, no spare capacity), and the original
// keeps its buffer and capacity.
fn split_batch() -> usize {
    let mut queue = vec![100, 200, 300, 400, 500, 600];
    let batch: Vec<i64> = queue.drain(1..4).collect();
    println!("batch {:?} (capacity {})", batch, batch.capacity());
    println!("queue {:?} (capacity {})", queue, queue.capacity());
    let rest: Vec<i64> = queue.drain(..).collect();
    println!("rest {:?}, queue now {:?} with capacity {}", rest, queue, queue.capacity());
    batch.len() + rest.len()
}

fn main() {
    println!("{}", split_batch());
}
