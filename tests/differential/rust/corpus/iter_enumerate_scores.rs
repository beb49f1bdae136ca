// entry: main

// enumerate pairs each item with its index: (usize, &T), nothing allocated.
fn main() {
    let scores = vec![72, 88, 95, 61];
    for (i, s) in scores.iter().enumerate() {
        println!("player {} scored {}", i, s);
    }
    let best: usize = scores.iter().enumerate().filter(|(_, s)| **s > 80).count();
    println!("{} players above 80", best);
}
