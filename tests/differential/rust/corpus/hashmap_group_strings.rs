// entry: group_by_initial

// Grouping: each key owns a `Vec<String>` of the names starting with that
// letter. `or_insert_with(Vec::new)`... written as a closure here, makes the
// empty Vec only for a new key (an empty Vec allocates nothing; its first
// push does). The map owns every Vec and every String in them.
use std::collections::HashMap;

fn group_by_initial() -> HashMap<String, Vec<String>> {
    let names = ["alice", "bob", "anna", "carl", "bea", "alex"];
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for name in names {
        let initial = (&name[0..1]).to_string();
        groups.entry(initial).or_insert_with(|| Vec::new()).push(name.to_string());
    }
    match groups.get("a") {
        Some(list) => println!("a: {} names, first {}", list.len(), list[0]),
        None => println!("no a"),
    }
    if let Some(list) = groups.get("b") {
        println!("b: {} names", list.len());
    }
    groups
}

fn main() {
    println!("{} groups", group_by_initial().len());
}
