// entry: prices

// Iterating borrows the map: `for (item, price) in &map` gives `(&K, &V)`,
// `values_mut()` gives `&mut V`. The order is whatever the hash says (it
// changes from run to run), so this sums instead of printing in a loop.
use std::collections::HashMap;

fn prices() -> u32 {
    let mut prices: HashMap<&str, u32> = HashMap::new();
    prices.insert("apple", 120);
    prices.insert("bread", 250);
    prices.insert("milk", 90);
    let mut total = 0;
    for (_item, price) in &prices {
        total += price;
    }
    println!("total {}", total);
    for price in prices.values_mut() {
        *price = *price * 11 / 10;
    }
    let mut after = 0;
    for price in prices.values() {
        after += *price;
    }
    let mut name_bytes = 0;
    for item in prices.keys() {
        name_bytes += item.len();
    }
    println!("after a 10% rise {}, names {} bytes", after, name_bytes);
    after
}

fn main() {
    println!("{}", prices());
}
