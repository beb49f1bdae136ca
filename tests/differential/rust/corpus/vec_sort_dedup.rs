// entry: main

// sort, sort_unstable, dedup and reverse work in place: for up to 20
// elements std's stable sort is an insertion sort, no scratch buffer.
fn main() {
    let mut v = vec![5, 3, 8, 1, 3, 9, 1, 1, 7, 3];
    v.sort();
    println!("{:?}", v);
    v.dedup();
    println!("{:?} len {} cap {}", v, v.len(), v.capacity());
    v.reverse();
    println!("{:?}", v);
    let mut words = vec!["pear", "apple", "fig", "apple"];
    words.sort_unstable();
    words.dedup();
    println!("{:?}", words);
    let mut big: Vec<u32> = Vec::new();
    for i in 0..100 {
        big.push((i * 37) % 101);
    }
    big.sort_unstable();
    println!("{} {} {}", big[0], big[50], big[99]);
    let mut cs = vec!['z', 'a', 'm'];
    cs.sort();
    println!("{:?}", cs);
}
