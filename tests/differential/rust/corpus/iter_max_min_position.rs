// entry: main

fn main() {
    let temps = vec![18, 23, 31, 27, 15];
    let hottest = temps.iter().max();
    let coldest = temps.iter().min();
    let pos = temps.iter().position(|t| *t > 30);
    println!("{:?} {:?} {:?}", hottest, coldest, pos);
    let first_big = temps.iter().find(|t| **t > 20);
    println!("{:?} {:?}", first_big, temps.iter().last());
}
