// entry: sessions

// Removing an entry gives its slot back, so a small table that is full
// again after a remove does not grow: capacity stays 3 through the churn.
// Clearing keeps the table too; only dropping the map frees it.
use std::collections::HashMap;

fn sessions() -> usize {
    let mut active: HashMap<u32, u64> = HashMap::new();
    active.insert(7, 1000);
    active.insert(8, 1001);
    active.insert(9, 1002);
    for id in 10..16 {
        let oldest = id - 3;
        if let Some(started) = active.remove(&oldest) {
            println!("session {} (started {}) ends", oldest, started);
        }
        active.insert(id, 1000 + id as u64);
    }
    println!("{} active, capacity {}", active.len(), active.capacity());
    active.clear();
    println!("after clear: {} active, capacity {}", active.len(), active.capacity());
    active.capacity()
}

fn main() {
    println!("{}", sessions());
}
