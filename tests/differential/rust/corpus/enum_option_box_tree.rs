// entry: main

// A binary tree of boxed enum nodes: every Node is its own heap block.
enum Tree {
    Leaf,
    Node(Box<Tree>, i32, Box<Tree>),
}

use Tree::{Leaf, Node};

fn insert(t: Tree, v: i32) -> Tree {
    match t {
        Leaf => Node(Box::new(Leaf), v, Box::new(Leaf)),
        Node(l, x, r) => {
            if v < x {
                Node(Box::new(insert(*l, v)), x, r)
            } else {
                Node(l, x, Box::new(insert(*r, v)))
            }
        }
    }
}

fn sum(t: &Tree) -> i32 {
    match t {
        Leaf => 0,
        Node(l, x, r) => sum(l) + x + sum(r),
    }
}

fn depth(t: &Tree) -> usize {
    match t {
        Leaf => 0,
        Node(l, _, r) => {
            let a = depth(l);
            let b = depth(r);
            1 + if a > b { a } else { b }
        }
    }
}

fn main() {
    let mut t = Leaf;
    for v in [5, 3, 8, 1, 4, 9, 7] {
        t = insert(t, v);
    }
    println!("sum {} depth {}", sum(&t), depth(&t));
}
