// entry: main

// rev after take or skip works on exact-size iterators: take(3).rev() walks
// the first three backwards, skip(2).rev() stops before the skipped ones.
fn main() {
    let v = vec![1, 2, 3, 4, 5, 6];
    let a: Vec<i32> = v.iter().take(3).rev().map(|x| *x).collect();
    let b: Vec<i32> = v.iter().skip(2).rev().map(|x| *x).collect();
    let c: Vec<(usize, i32)> = v.iter().map(|x| *x).enumerate().skip(1).take(3).rev().collect();
    println!("{:?} {:?} {:?}", a, b, c);
    let words = vec![String::from("w1"), String::from("w2"), String::from("w3"), String::from("w4")];
    for w in words.into_iter().take(3).rev() {
        println!("{}", w);
    }
    let names = vec![String::from("a"), String::from("b"), String::from("c")];
    let last_two: Vec<String> = names.into_iter().skip(1).rev().collect();
    println!("{:?}", last_two);
}
