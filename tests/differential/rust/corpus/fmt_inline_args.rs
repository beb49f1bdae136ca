// entry: main

// Inline arguments: `{x}` names a variable in scope (Rust 2021).
fn main() {
    let x = 3;
    let y = 4;
    let area = x * y;
    let msg = format!("{x} by {y} is {area}");
    println!("{msg}");
    let unit = "cm";
    println!("{area} square {unit}");
}
