// entry: main

// Zero padding goes after the sign: {:05} of -42 is -0042.
fn main() {
    let values = [7, -42, 12345, -123456];
    for v in values.iter() {
        let s = format!("[{:05}] [{:+}] [{:>8}] [{:<8}]", v, v, v, v);
        println!("{}", s);
    }
    let t = format!("{:08.3}", -3.14159);
    println!("{}", t);
}
