// entry: zero_sized

// Box of a zero-sized type, empty arrays, Vec<()> and empty Vecs allocate nothing.
struct Unit;
struct Empty {}

fn zero_sized() -> usize {
    let _a = Box::new(());
    let _b = Box::new(Unit);
    let _c = Box::new(Empty {});
    let _d = Box::new([0u8; 0]);
    let mut units: Vec<()> = Vec::with_capacity(100);
    for _ in 0..500 {
        units.push(());
    }
    let nothing: Vec<Unit> = vec![Unit, Unit, Unit];
    let empty: Vec<String> = Vec::new();
    units.len() + nothing.len() + empty.capacity()
}

fn main() {
    println!("{}", zero_sized());
}
