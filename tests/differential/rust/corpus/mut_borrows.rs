// entry: mut_borrows

// &mut borrows and iter_mut change values in place; a push through &mut Vec grows it.
fn add_all(v: &mut Vec<i64>, n: i64) {
    for i in 0..n {
        v.push(i);
    }
}

fn double(values: &mut [i64]) {
    for x in values.iter_mut() {
        *x *= 2;
    }
}

fn mut_borrows() -> i64 {
    let mut v = vec![100i64];
    add_all(&mut v, 6);
    double(&mut v);
    for x in &mut v {
        *x += 1;
    }
    let first = &mut v[0];
    *first = 0;
    let mut total = 0;
    for x in v.iter() {
        total += *x;
    }
    total
}

fn main() {
    println!("{}", mut_borrows());
}
