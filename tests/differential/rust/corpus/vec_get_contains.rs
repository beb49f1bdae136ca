// entry: main

// The Rust Book, ch. 8.1: reading elements with indexing and with `get`
// (None instead of a panic past the end), plus first, last and contains.
fn main() {
    let v = vec![1, 2, 3, 4, 5];
    let third: &i32 = &v[2];
    println!("The third element is {}", third);
    let third: Option<&i32> = v.get(2);
    match third {
        Some(third) => println!("The third element is {}", third),
        None => println!("There is no third element."),
    }
    let past = v.get(100);
    println!("{:?} {:?} {:?}", past, v.first(), v.last());
    println!("{} {}", v.contains(&4), v.contains(&40));
    let words = ["apple", "pear"];
    let n = [10u8, 20, 30];
    println!("{:?} {} {:?}", words.get(1), n.contains(&20), n.get(3));
    let empty: Vec<i64> = Vec::new();
    println!("{:?} {:?}", empty.first(), empty.get(0));
}
