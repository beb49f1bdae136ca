// entry: if_else_alloc

// Only the branch taken allocates; if/else as an expression moves its value out.
fn pick(big: bool) -> Vec<u16> {
    if big {
        vec![1; 64]
    } else {
        vec![2; 2]
    }
}

fn if_else_alloc() -> usize {
    let a = pick(true);
    let b = pick(false);
    let c = if a.len() > b.len() { b.clone() } else { a.clone() };
    a.len() + b.len() + c.len()
}

fn main() {
    println!("{}", if_else_alloc());
}
