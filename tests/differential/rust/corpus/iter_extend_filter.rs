// entry: main

// extend from a filter cannot reserve up front: the Vec grows as it goes.
fn main() {
    let data: Vec<u32> = (1..=30).collect();
    let mut picked: Vec<u32> = Vec::new();
    picked.extend(data.iter().filter(|x| *x % 3 == 0));
    println!("{} {}", picked.len(), picked.capacity());
    let mut exact = Vec::with_capacity(2);
    exact.push(0u32);
    exact.extend(data.iter().map(|x| x * 2).take(5));
    println!("{:?} {}", exact, exact.capacity());
}
