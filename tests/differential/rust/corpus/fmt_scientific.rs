// entry: main

// {:e}: scientific notation of floats.
fn main() {
    let avogadro = 6.02214076e23;
    let tiny = 0.000123;
    let a = format!("{:e}", avogadro);
    let b = format!("{:e} {:E}", tiny, 1500.0);
    let c = format!("{:.2e}", 123456.0);
    println!("{} {} {}", a, b, c);
    println!("{:?} {:?} {}", 1e20, 0.00001, 1e-7);
}
