// title: A Box linked list
// entry: linked_list
// lesson: cache
// claim: A linked list is as cheap as a Vec: both are just data on the heap.
// truth: Every node is its own allocation (100 allocations and, when the list goes out of scope, 100 frees), and walking it must load each node's pointer before it can reach the next.
// par: 560

struct Node {
    value: i64,
    next: Option<Box<Node>>,
}

fn linked_list() -> i64 {
    let mut head: Option<Box<Node>> = None;
    for i in 1..=100 {
        head = Some(Box::new(Node { value: i, next: head }));
    }
    let mut total = 0;
    let mut cursor = &head;
    while let Some(node) = cursor {
        total += node.value;
        cursor = &node.next;
    }
    total
}

fn main() {
    println!("{}", linked_list());
}
