// entry: main

// A little table: widths and alignment pad with spaces.
fn main() {
    let items = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 200, 0.1)];
    println!("{:<10}|{:>5}|{:>8}", "item", "qty", "price");
    for (name, qty, price) in items.iter() {
        let row = format!("{:<10}|{:>5}|{:>8.2}", name, qty, price);
        println!("{}", row);
    }
}
