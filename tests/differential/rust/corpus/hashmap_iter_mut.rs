// entry: apply_interest

// Changing every value in place: `for (_, balance) in &mut accounts` (or
// `iter_mut()`) hands out `&mut V` into the table itself, so nothing moves
// and nothing is allocated. Totals come from `values().sum()` and the
// number of entries from `keys().count()`.
use std::collections::HashMap;

fn apply_interest() -> i64 {
    let mut accounts: HashMap<u32, i64> = HashMap::with_capacity(8);
    accounts.insert(1001, 500);
    accounts.insert(1002, 1200);
    accounts.insert(1003, 50);
    for (_, balance) in &mut accounts {
        *balance += *balance / 10;
    }
    for (id, balance) in accounts.iter_mut() {
        if *id == 1003 {
            *balance -= 5;
        }
    }
    let total: i64 = accounts.values().sum();
    println!("{} accounts hold {}", accounts.keys().count(), total);
    println!("account 1002: {}", accounts[&1002]);
    total
}

fn main() {
    println!("{}", apply_interest());
}
