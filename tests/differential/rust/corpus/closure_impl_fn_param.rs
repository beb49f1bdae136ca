// entry: main

// Closures passed to functions that take `impl Fn`: each call runs the
// closure; its captures stay in the caller's frame.
fn apply_twice(f: impl Fn(i32) -> i32, x: i32) -> i32 {
    f(f(x))
}

fn call_n_times(n: u32, mut f: impl FnMut(u32)) {
    for i in 0..n {
        f(i);
    }
}

fn build_list(n: usize, make: impl Fn(usize) -> String) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(make(i));
    }
    out
}

fn main() {
    let offset = 10;
    println!("{}", apply_twice(|x| x + offset, 1));
    let triple = |x| x * 3;
    println!("{}", apply_twice(triple, 2));
    let mut total = 0;
    call_n_times(4, |i| total += i);
    println!("{}", total);
    let labels = build_list(3, |i| format!("item-{}", i));
    println!("{:?}", labels);
}
