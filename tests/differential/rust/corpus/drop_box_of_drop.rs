// entry: main

// A Box, a Vec and an Option holding values with a Drop impl: the user's
// drop runs before each heap block is freed.
struct Res {
    id: i32,
    data: Vec<u8>,
}

impl Drop for Res {
    fn drop(&mut self) {
        println!("release {} ({} bytes)", self.id, self.data.len());
    }
}

fn main() {
    let b = Box::new(Res { id: 1, data: vec![0; 16] });
    let mut v = Vec::new();
    v.push(Res { id: 2, data: vec![1; 4] });
    v.push(Res { id: 3, data: Vec::new() });
    let o = Some(Res { id: 4, data: vec![2; 8] });
    let popped = v.pop();
    println!("popped {}", popped.is_some());
    drop(b);
    println!("end {} {}", v.len(), o.is_some());
}
