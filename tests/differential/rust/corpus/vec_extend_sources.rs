// entry: main

fn main() {
    let mut v: Vec<i32> = Vec::new();
    v.extend(1..4);
    println!("{} {}", v.len(), v.capacity());
    let more = vec![7, 8, 9, 10, 11];
    v.extend(more.iter());
    println!("{} {}", v.len(), v.capacity());
    v.extend(vec![1, 2]);
    println!("{:?} {}", v, v.capacity());
}
