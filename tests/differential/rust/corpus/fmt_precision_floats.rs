// entry: main

// Precision on floats rounds; on strings it truncates.
fn main() {
    let pi = 3.14159265;
    let a = format!("{:.0}", pi);
    let b = format!("{:.2}", pi);
    let c = format!("{:.5}", pi);
    let d = format!("{:10.3}|", pi);
    let e = format!("{:<10.3}|", pi);
    let f = format!("{:^10.1}|", pi);
    let g = format!("{:.3}", "truncated");
    println!("{} {} {} {} {} {} {}", a, b, c, d, e, f, g);
}
