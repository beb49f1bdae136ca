// entry: inventory

// A map is passed to helper functions by reference, like any other owner of
// heap memory: `&HashMap` to read, `&mut HashMap` to change. Moving it into
// a function would hand the table over (and free it at the end of that
// function).
use std::collections::HashMap;

fn total_stock(stock: &HashMap<&str, u32>) -> u32 {
    let mut total = 0;
    for (_, n) in stock {
        total += *n;
    }
    total
}

fn restock(stock: &mut HashMap<&str, u32>, item: &'static str, n: u32) {
    *stock.entry(item).or_insert(0) += n;
}

fn inventory() -> u32 {
    let mut stock = HashMap::new();
    restock(&mut stock, "bolts", 40);
    restock(&mut stock, "nuts", 25);
    restock(&mut stock, "bolts", 10);
    restock(&mut stock, "washers", 100);
    restock(&mut stock, "hinges", 4);
    println!("bolts {}", stock["bolts"]);
    total_stock(&stock)
}

fn main() {
    println!("{}", inventory());
}
