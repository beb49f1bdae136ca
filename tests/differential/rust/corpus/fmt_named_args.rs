// entry: main

// Named and positional arguments can be reused.
fn main() {
    let s = format!("{0}-{1}-{0}", "a", 2);
    let t = format!("{name} has {n} items", name = "cart", n = 3);
    
    println!("{} {}", s, t);
}
