// entry: main

// to_string on floats, chars and bools; to_owned on &str.
fn main() {
    let x = 2.5;
    let a = x.to_string();
    let b = 'z'.to_string();
    let c = true.to_string();
    let d = "borrowed".to_owned();
    let e = "also".to_string();
    let big = 123456789.125f64.to_string();
    println!("{} {} {} {} {} {}", a, b, c, d, e, big);
    println!("{} {} {} {} {} {}", a.capacity(), b.capacity(), c.capacity(), d.capacity(), e.capacity(), big.capacity());
}
