// entry: main

// A closure stored in a variable and called many times; a move closure that
// owns its log Vec and frees it when it goes out of scope.
fn run_times(n: u32, mut step: impl FnMut(u32)) {
    for i in 0..n {
        step(i);
    }
}

fn main() {
    let mut calls = 0;
    let mut tally = |x: u32| {
        calls += 1;
        x * 2
    };
    let a = tally(1);
    let b = tally(2);
    let c = tally(3);
    println!("{} {} {} after {} calls", a, b, c, calls);
    {
        let log = vec![String::from("start")];
        let report = move |extra: &str| println!("{} entries, then {}", log.len(), extra);
        report("one");
        report("two");
    }
    let mut seen = Vec::new();
    run_times(5, |i| seen.push(i * i));
    println!("{:?} {}", seen, seen.capacity());
}
