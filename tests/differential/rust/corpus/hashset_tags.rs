// entry: tags

// A set of owned tags: `insert` of a tag that is already there returns false
// and drops the new String at once; `remove` frees the stored one. Lookups
// take a `&str` (String: Borrow<str>), so they need no allocation.
use std::collections::HashSet;

fn tags() -> HashSet<String> {
    let mut tags: HashSet<String> = HashSet::new();
    for t in ["rust", "memory", "heap", "rust", "stack", "heap"] {
        if !tags.insert(t.to_string()) {
            println!("{} was already tagged", t);
        }
    }
    println!("tagged heap? {}, tagged gc? {}", tags.contains("heap"), tags.contains("gc"));
    if tags.remove("memory") {
        println!("untagged memory");
    }
    println!("{} tags", tags.len());
    tags
}

fn main() {
    let t = tags();
    println!("{}", t.len());
}
