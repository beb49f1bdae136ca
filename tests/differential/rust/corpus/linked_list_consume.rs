// entry: consume_list

// Walking an owned Option<Box<Node>> list with while let frees each node as it goes.
struct Node {
    value: i64,
    next: Option<Box<Node>>,
}

fn consume_list() -> i64 {
    let mut head: Option<Box<Node>> = None;
    for i in 0..50 {
        head = Some(Box::new(Node { value: i, next: head }));
    }
    let mut total = 0;
    let mut cursor = head;
    while let Some(node) = cursor {
        total += node.value;
        cursor = node.next;
    }
    total
}

fn main() {
    println!("{}", consume_list());
}
