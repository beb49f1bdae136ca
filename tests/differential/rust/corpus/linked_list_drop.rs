// entry: list_drop

// A list dropped early with drop(); a second, shorter list lives to the end.
struct Node {
    value: i32,
    next: Option<Box<Node>>,
}

fn build(n: i32) -> Option<Box<Node>> {
    let mut head = None;
    let mut i = 0;
    while i < n {
        head = Some(Box::new(Node { value: i, next: head }));
        i += 1;
    }
    head
}

fn list_drop() -> i32 {
    let first = build(20);
    let mut top = 0;
    if let Some(node) = &first {
        top = node.value;
        if let Some(second) = &node.next {
            top += second.value;
        }
    }
    drop(first);
    let second = build(3);
    match second {
        Some(node) => top + node.value,
        None => top,
    }
}

fn main() {
    println!("{}", list_drop());
}
