// entry: keep_evens

// `retain` keeps the elements the closure accepts, in order, and shifts them
// down in the same buffer: nothing is allocated and the capacity stays, even
// when most elements go. `shrink_to_fit` is what gives memory back (one realloc).
fn keep_evens() -> usize {
    let mut numbers: Vec<u32> = (1..=12).collect();
    numbers.retain(|n| n % 2 == 0);
    println!("{:?} len {} capacity {}", numbers, numbers.len(), numbers.capacity());
    numbers.retain(|&n| n > 6);
    println!("{:?} len {} capacity {}", numbers, numbers.len(), numbers.capacity());
    numbers.shrink_to_fit();
    println!("after shrink_to_fit: capacity {}", numbers.capacity());
    numbers.len()
}

fn main() {
    println!("{}", keep_evens());
}
