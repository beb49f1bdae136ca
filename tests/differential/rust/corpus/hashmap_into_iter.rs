// entry: settle_accounts

// `for (k, v) in map` (no `&`) consumes the map: its IntoIter moves each
// entry out of the table and the map can no longer be used. Whatever the loop
// does not take (a `break`) is dropped with the iterator, and the table is
// freed when the loop ends, not at the end of the function.
use std::collections::{HashMap, HashSet};

fn settle_accounts() -> u64 {
    let mut owed: HashMap<u32, Box<u64>> = HashMap::new();
    owed.insert(7, Box::new(120));
    owed.insert(8, Box::new(80));
    owed.insert(9, Box::new(45));
    let mut paid = 0;
    for (_id, amount) in owed {
        paid += *amount;
    }
    println!("paid {}", paid);

    let mut seen: HashSet<u16> = HashSet::new();
    for n in [4u16, 8, 15, 16, 23, 42] {
        seen.insert(n);
    }
    let mut found_big = false;
    for n in seen {
        if n > 40 {
            found_big = true;
            break;
        }
    }
    println!("found a big one: {}", found_big);
    paid
}

fn main() {
    println!("{}", settle_accounts());
}
