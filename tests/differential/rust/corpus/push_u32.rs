// entry: push_u32

// Vec<u32> returned to the caller: growth is counted, its buffer is freed after the call.
fn push_u32() -> Vec<u32> {
    let mut v = Vec::new();
    for i in 0..37u32 {
        v.push(i * i);
    }
    v
}

fn main() {
    let v = push_u32();
    println!("{} {}", v.len(), v[36]);
}
