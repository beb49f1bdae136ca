// entry: main

// rev and take keep the exact length: collect allocates once.
fn main() {
    let v: Vec<i32> = (1..=10).collect();
    let last3: Vec<i32> = v.iter().rev().take(3).map(|x| x * 10).collect();
    println!("{:?} cap {}", last3, last3.capacity());
    for x in v.iter().rev().skip(7) {
        println!("{}", x);
    }
}
