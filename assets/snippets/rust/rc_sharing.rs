// title: Sharing with Rc
// entry: rc_sharing
// lesson: ownership
// claim: Rc::clone copies the shared value.
// truth: Rc::clone only increments the strong count stored next to the value: no allocation. The one block (counts + Vec header) and the Vec's buffer are freed when the last Rc is dropped.
// par: 702

use std::rc::Rc;

fn rc_sharing() -> usize {
    let shared = Rc::new(vec![10, 20, 30, 40]);
    let first = Rc::clone(&shared);
    let second = Rc::clone(&shared);
    let total = first.len() + second.len();
    drop(first);
    drop(second);
    total + shared.len()
}

fn main() {
    println!("{}", rc_sharing());
}
