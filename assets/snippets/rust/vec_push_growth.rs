// title: Pushing onto Vec::new
// entry: vec_push_growth
// lesson: growth
// claim: Pushing onto a Vec reallocates its buffer on every push.
// truth: The first push allocates room for 4 elements, then the capacity doubles by realloc only when full (4, 8, 16, ... 1024): 1000 pushes cost 1 allocation and 8 reallocations.
// par: 526

fn vec_push_growth() -> usize {
    let mut v: Vec<i64> = Vec::new();
    for i in 0..1000 {
        v.push(i);
    }
    v.capacity()
}

fn main() {
    println!("{}", vec_push_growth());
}
