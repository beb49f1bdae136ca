// entry: inventory_log

// `entry(k).and_modify(f).or_insert(v)`: the closure changes the value in
// place when the key is there, `or_insert` fills the slot when it is not.
// Neither allocates beyond the table; a String value can still grow where it
// lives in the table (its own heap buffer reallocates). The notes are
// returned: the caller drops them, in whatever order the table holds them.
use std::collections::HashMap;

fn inventory_log() -> HashMap<u8, String> {
    let deliveries = [("bolts", 40), ("nuts", 25), ("bolts", 10), ("nuts", 5), ("bolts", 1)];
    let mut stock: HashMap<&str, u32> = HashMap::new();
    for (item, n) in deliveries {
        stock.entry(item).and_modify(|total| *total += n).or_insert(n);
    }
    let mut notes: HashMap<u8, String> = HashMap::new();
    for day in [1u8, 2, 1, 1] {
        notes.entry(day).and_modify(|s| s.push_str(", again")).or_insert_with(|| String::from("delivery"));
    }
    println!("bolts {}, nuts {}", stock["bolts"], stock["nuts"]);
    println!("day 1: {}", notes[&1]);
    println!("day 2: {}", notes[&2]);
    notes
}

fn main() {
    println!("{}", inventory_log().len());
}
