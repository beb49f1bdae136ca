// entry: println_values

// println! of integers, floats, bools, chars and strings allocates nothing.
fn println_values() -> i32 {
    let n = 42;
    let big: u64 = 18446744073709551615;
    let neg: i8 = -128;
    let ratio = 0.5f64;
    let flag = true;
    let letter = 'z';
    let name = "stack";
    let owned = String::from("heap");
    println!("n={} big={} neg={}", n, big, neg);
    println!("ratio={} flag={} letter={}", ratio, flag, letter);
    println!("{} vs {}", name, owned);
    println!();
    n
}

fn main() {
    println!("{}", println_values());
}
