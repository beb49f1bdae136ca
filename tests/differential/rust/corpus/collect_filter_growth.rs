// entry: collect_filter

// filter is not TrustedLen: nothing kept allocates nothing, the first kept element
// allocates capacity 4 (8 for bytes), then the Vec doubles by realloc.
fn collect_filter() -> usize {
    let numbers: Vec<i64> = (0..40).collect();
    let none: Vec<i64> = numbers.iter().map(|x| *x).filter(|x| *x > 100).collect();
    let one: Vec<i64> = numbers.iter().map(|x| *x).filter(|x| *x == 7).collect();
    let five: Vec<i64> = numbers.iter().map(|x| *x).filter(|x| *x % 8 == 0).collect();
    let bytes: Vec<u8> = numbers.iter().map(|x| *x as u8).filter(|x| *x % 2 == 0).collect();
    none.capacity() + one.capacity() + five.capacity() + bytes.capacity()
}

fn main() {
    println!("{}", collect_filter());
}
