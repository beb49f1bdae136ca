// entry: main

// Owning chains that shrink or keep the element size collect in place:
// the source Vec's buffer becomes the result, no new allocation.
fn main() {
    let raw = vec![String::from("10"), String::from("x"), String::from("30")];
    let lens: Vec<usize> = raw.into_iter().filter_map(|s| if s.len() == 2 { Some(s.len()) } else { None }).collect();
    println!("{:?} {}", lens, lens.capacity());
    let nums: Vec<u64> = (1..=8).collect();
    let tail: Vec<u64> = nums.into_iter().skip_while(|n| *n < 4).collect();
    println!("{:?} {}", tail, tail.capacity());
    let halves: Vec<u32> = vec![8u64, 6, 4].into_iter().map(|n| (n / 2) as u32).collect();
    println!("{:?} {}", halves, halves.capacity());
}
