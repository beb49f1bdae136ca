// entry: main

// A generic stack backed by a Vec<T>: Stack<i32> and Stack<String> are
// two types after monomorphisation, each with its own push and pop.
struct Stack<T> {
    items: Vec<T>,
}

impl<T> Stack<T> {
    fn new() -> Stack<T> {
        Stack { items: Vec::new() }
    }

    fn push(&mut self, item: T) {
        self.items.push(item);
    }

    fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

fn main() {
    let mut nums: Stack<i32> = Stack::new();
    for i in 1..=5 {
        nums.push(i * i);
    }
    println!("{} items", nums.len());
    while let Some(top) = nums.pop() {
        println!("popped {}", top);
    }
    let mut words: Stack<String> = Stack::new();
    words.push(String::from("first"));
    words.push(String::from("second"));
    println!("{:?} {}", words.pop(), words.is_empty());
}
