// title: A big array on the stack
// entry: stack_array
// lesson: basics
// claim: Anything large, like a 512-element array, has to go on the heap.
// truth: [0i64; 512] is 4 KiB inside the function's stack frame: the stack pointer moves once and nothing is allocated (the main thread's stack is usually 8 MiB).
// par: 538

fn stack_array() -> i64 {
    let mut table = [0i64; 512];
    for i in 0..512 {
        table[i] = (i * i) as i64;
    }
    let mut total = 0;
    for x in &table {
        total += *x;
    }
    total
}

fn main() {
    println!("{}", stack_array());
}
