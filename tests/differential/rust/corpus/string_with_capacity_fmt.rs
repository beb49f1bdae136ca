// entry: main

// with_capacity up front: no regrowth while pushing what fits.
fn main() {
    let mut s = String::with_capacity(32);
    for i in 0..5 {
        s.push_str(&i.to_string());
        s.push(' ');
    }
    println!("{}| {} {}", s, s.len(), s.capacity());
}
