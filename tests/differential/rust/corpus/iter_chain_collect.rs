// entry: main

// chain adds both size hints: the collect allocates once for both halves.
fn main() {
    let a = vec![1, 2, 3];
    let b = vec![10, 20];
    let all: Vec<i32> = a.iter().chain(b.iter()).map(|x| *x).collect();
    println!("{:?} {}", all, all.capacity());
}
