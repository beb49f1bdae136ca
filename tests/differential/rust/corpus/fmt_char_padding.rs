// entry: main

// A custom fill character: {:*^9} centres with stars.
fn main() {
    let title = format!("{:*^20}", "menu");
    let left = format!("{:-<12}|", "a");
    let right = format!("{:.>12}|", 'b');
    println!("{}\n{}\n{}", title, left, right);
    println!("{:>6}|{:<6}|{:^6}|", true, false, 'c');
}
