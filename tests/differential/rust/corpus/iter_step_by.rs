// entry: main

fn main() {
    let evens: Vec<u64> = (0..20).step_by(4).collect();
    println!("{:?} {}", evens, evens.capacity());
    for i in (0..10).step_by(3) {
        println!("{}", i);
    }
}
