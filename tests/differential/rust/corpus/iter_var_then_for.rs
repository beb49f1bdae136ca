// entry: main

// An adapter chain kept in a variable, then looped over.
fn main() {
    let prices = vec![120, 45, 300, 80];
    let cheap = prices.iter().filter(|p| **p < 100);
    let mut n = 0;
    for p in cheap {
        println!("cheap: {}", p);
        n += 1;
    }
    let discounted = prices.iter().map(|p| p * 9 / 10);
    let list: Vec<i32> = discounted.collect();
    println!("{} {:?}", n, list);
}
