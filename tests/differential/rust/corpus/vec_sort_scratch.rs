// entry: main

// Sorting more than 20 elements: std's stable sort (driftsort) needs a scratch
// buffer. 500 i32s (2,000 bytes) fit its 4 KiB stack array; 2,000 i32s and 600
// i64s do not, so each of those sorts allocates the scratch and frees it after.
fn scrambled(n: u32) -> Vec<u32> {
    (0..n).map(|i| (i * 7919) % 1009).collect()
}

fn main() {
    let mut small = scrambled(500);
    small.sort();
    let mut big = scrambled(2000);
    big.sort();
    let mut wide: Vec<i64> = (0..600).map(|i| ((i * 31) % 97) as i64 - 48).collect();
    wide.sort();
    wide.sort_unstable();
    println!("{:?} {:?} {:?} {:?}", small.first(), small.last(), big[1000], wide[300]);
}
