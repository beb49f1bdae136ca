// entry: main

// to_string on integers: signed ones reserve room for the longest value.
fn main() {
    let a = 7u8.to_string();
    let b = 7i32.to_string();
    let c = (-7i32).to_string();
    let d = 1234567u64.to_string();
    let e = (-9i64).to_string();
    let f = 7usize.to_string();
    println!("{} {} {} {} {} {}", a.capacity(), b.capacity(), c.capacity(), d.capacity(), e.capacity(), f.capacity());
    println!("{}{}{}{}{}{}", a, b, c, d, e, f);
}
