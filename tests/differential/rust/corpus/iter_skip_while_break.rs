// entry: main

// break out of a for over an owning chain: the rest is dropped at the loop's end.
fn main() {
    let v = vec![Box::new(1), Box::new(2), Box::new(3), Box::new(4), Box::new(5)];
    for b in v.into_iter().skip(1).step_by(2) {
        println!("{}", b);
        if *b > 2 {
            break;
        }
    }
    println!("after");
}
