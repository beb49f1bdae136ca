// entry: main

// print! without a newline, then println! ends the line.
fn main() {
    for i in 1..=5 {
        print!("{} ", i * i);
    }
    println!();
    let s = format!("{:>3}{:>3}{:>3}", 1, 22, 333);
    println!("{}", s);
}
