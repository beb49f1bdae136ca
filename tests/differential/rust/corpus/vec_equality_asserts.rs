// entry: main

// assert_eq! on Vecs (the way Rust Book tests check results): PartialEq for Vec
// compares lengths, then elements; comparing borrows, so nothing is moved or copied.
fn evens(v: &[i32]) -> Vec<i32> {
    v.iter().filter(|x| *x % 2 == 0).cloned().collect()
}

fn main() {
    let v = vec![1, 2, 3, 4, 5, 6];
    let e = evens(&v);
    assert_eq!(e, vec![2, 4, 6]);
    assert_ne!(e, vec![2, 4]);
    let words = vec![String::from("a"), String::from("b")];
    let copy = words.clone();
    println!("{} {} {}", words == copy, e == vec![2, 4, 6], &v[1..3] == &e[0..2]);
    let grid = vec![vec![1, 2], vec![3]];
    println!("{}", grid == vec![vec![1, 2], vec![3]]);
}
