// entry: main

fn main() {
    let letters = vec!['a', 'b', 'c'];
    let indexed: Vec<(usize, char)> = letters.iter().map(|c| *c).enumerate().collect();
    for (i, c) in &indexed {
        println!("{} -> {}", i, c);
    }
    let odd: Vec<(usize, char)> = letters.into_iter().enumerate().filter(|(i, _)| i % 2 == 0).collect();
    println!("{:?} {}", odd, odd.capacity());
}
