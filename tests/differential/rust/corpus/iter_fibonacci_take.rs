// entry: main

// An endless iterator, cut with take: collect cannot know the length (a
// user `next` gives size_hint (0, None)), so it grows 4, 8, 16.
struct Fibonacci {
    curr: u64,
    next: u64,
}

impl Iterator for Fibonacci {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let new_next = self.curr + self.next;
        let value = self.curr;
        self.curr = self.next;
        self.next = new_next;
        Some(value)
    }
}

fn fibonacci() -> Fibonacci {
    Fibonacci { curr: 0, next: 1 }
}

fn main() {
    let first: Vec<u64> = fibonacci().take(10).collect();
    println!("{:?} cap {}", first, first.capacity());
    for (i, f) in fibonacci().enumerate().skip(20).take(3) {
        println!("fib({}) = {}", i, f);
    }
    let even_sum: u64 = fibonacci().take(30).filter(|x| x % 2 == 0).sum();
    println!("{}", even_sum);
}
