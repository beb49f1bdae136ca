// entry: main

// replace builds a new String: when the replacement is at least as long as
// the pattern it starts with capacity len, otherwise it starts empty and grows.
fn main() {
    let template = "Dear NAME, welcome to PLACE.";
    let a = template.replace("NAME", "Ferris");
    let b = a.replace("PLACE", "Rustland");
    println!("{b}");
    let dashed = "2024-01-15".replace('-', "/");
    println!("{dashed}");
    let squeezed = "a  b  c".replace("  ", " ");
    println!("{squeezed}");
    let doubled = "x,y".replace(",", ",,");
    println!("{doubled}");
    let line = "=".repeat(20);
    println!("{line}");
    let empty = "".repeat(3);
    println!("[{empty}]");
}
