// entry: shadowing

// A shadowed binding is not dropped when shadowed: it lives to the end of the scope.
fn shadowing() -> usize {
    let v = vec![1u8; 8];
    let v = vec![2u8; v.len() * 2];
    let v = vec![3u8; v.len() * 2];
    let x = 5;
    let x = x * 2;
    v.len() + x
}

fn main() {
    println!("{}", shadowing());
}
