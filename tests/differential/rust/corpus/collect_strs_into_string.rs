// entry: main

// Collecting &strs pushes each one; collecting Strings reuses the first
// String's buffer and frees the others as they are appended.
fn main() {
    let parts = vec!["stack", "vs", "heap"];
    let joined: String = parts.iter().map(|s| *s).collect();
    println!("{} {}", joined, joined.capacity());
    let owned = vec![String::from("ab"), String::from("cd"), String::from("ef")];
    let glued: String = owned.into_iter().collect();
    println!("{} {}", glued, glued.capacity());
}
