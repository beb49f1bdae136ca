// entry: main

// When does collect know the length up front? Only when every step is
// TrustedLen: skip and step_by are, but only over a random-access iterator
// (a slice, a Range), so after take, on an inclusive range or on an owning
// iterator they fall back to "room for 4, then double".
fn main() {
    let v: Vec<i32> = (0..10).collect();
    let exact: Vec<i32> = v.iter().skip(8).map(|x| *x).collect();
    let after_take: Vec<i32> = v.iter().map(|x| *x).take(3).skip(2).collect();
    println!("skip: {} vs {}", exact.capacity(), after_take.capacity());
    let range: Vec<i32> = (0..10).step_by(6).collect();
    let inclusive: Vec<i32> = (0..=9).step_by(6).collect();
    println!("step_by: {} vs {}", range.capacity(), inclusive.capacity());
    let owned: Vec<(usize, i32)> = v.clone().into_iter().skip(8).enumerate().collect();
    let borrowed: Vec<(usize, &i32)> = v.iter().skip(8).enumerate().collect();
    println!("enumerate: {} vs {}", owned.capacity(), borrowed.capacity());
    let bytes: Vec<u8> = (0..7u8).take(5).step_by(3).collect();
    println!("bytes: {}", bytes.capacity());
}
