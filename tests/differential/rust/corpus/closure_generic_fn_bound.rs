// entry: main

// Generic closure parameters: `F: Fn(..)` and `where F: FnMut(..)`. Each
// call site gets its own copy of the function for its closure type; the
// closure's captures stay in the caller's frame, nothing is boxed.
fn call_with_one<F>(some_closure: F) -> i32
where
    F: Fn(i32) -> i32,
{
    some_closure(1)
}

fn apply_to_all<F: FnMut(&mut String)>(items: &mut Vec<String>, mut f: F) {
    for s in items.iter_mut() {
        f(s);
    }
}

fn main() {
    let answer = call_with_one(|x| x + 41);
    println!("{}", answer);
    let mut words = vec![String::from("a"), String::from("b")];
    let mut touched = 0;
    apply_to_all(&mut words, |s| {
        s.push_str("!!!");
        touched += 1;
    });
    println!("{:?} {}", words, touched);
}
