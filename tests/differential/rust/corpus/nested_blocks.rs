// entry: nested_blocks

// Inner blocks drop their locals at their closing brace; a block's value moves out.
fn nested_blocks() -> usize {
    let outer = vec![0i64; 2];
    let kept = {
        let temp = vec![1i64; 3];
        let result = vec![2i64; 4];
        {
            let inner = Box::new(temp.len());
            println!("inner {}", *inner);
        }
        result
    };
    let after = Box::new(9u8);
    outer.len() + kept.len() + *after as usize
}

fn main() {
    println!("{}", nested_blocks());
}
