// title: take after filter
// entry: first_three_even
// lesson: growth
// claim: take(3) says how many items are coming, so collect allocates room for exactly 3.
// truth: filter's size hint has lower bound 0, so take(3) can only promise "0 to 3": the chain is not TrustedLen, and collect allocates max(4, lower + 1) = 4 at the first kept element. Without the filter, take(3) is exact and collect allocates 3.
// par: 668

fn first_three_even() -> usize {
    let numbers: Vec<u64> = (1..=20).collect();
    let evens: Vec<u64> = numbers.iter().filter(|n| *n % 2 == 0).take(3).map(|n| *n).collect();
    let plain: Vec<u64> = numbers.iter().take(3).map(|n| *n).collect();
    evens.capacity() * 10 + plain.capacity()
}

fn main() {
    println!("{}", first_three_even());
}
