// entry: main

fn main() {
    let readings = vec![3, 7, 7, 2, 9, 9, 1];
    let first_peak = readings.iter().position(|r| *r == 9);
    let last = readings.iter().last();
    let all_small = readings.iter().all(|r| *r < 10);
    println!("{:?} {:?} {}", first_peak, last, all_small);
    let v: Vec<i32> = readings.iter().rev().skip(1).map(|x| *x).collect();
    println!("{:?}", v);
}
