// entry: vec_repeat

// vec![x; n]: a non-zero element allocates then fills, a zero element uses alloc_zeroed,
// n == 0 allocates nothing.
fn vec_repeat() -> i64 {
    let fives = vec![5i32; 10];
    let zeros = vec![0u8; 100];
    let nothing = vec![1i64; 0];
    let wide = vec![7i64; 3];
    let mut total = 0i64;
    for f in &fives {
        total += *f as i64;
    }
    total + zeros.len() as i64 + nothing.len() as i64 + wide[2]
}

fn main() {
    println!("{}", vec_repeat());
}
