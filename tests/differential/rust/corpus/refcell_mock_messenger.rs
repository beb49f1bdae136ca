// entry: main

// The Rust Book, ch. 15.5: a mock object records messages through &self with
// a RefCell<Vec<String>>, the interior mutability pattern.
use std::cell::RefCell;

struct MockMessenger {
    sent_messages: RefCell<Vec<String>>,
}

impl MockMessenger {
    fn new() -> MockMessenger {
        MockMessenger { sent_messages: RefCell::new(vec![]) }
    }

    fn send(&self, message: &str) {
        self.sent_messages.borrow_mut().push(String::from(message));
    }
}

struct LimitTracker {
    value: usize,
    max: usize,
}

impl LimitTracker {
    fn set_value(&mut self, value: usize, m: &MockMessenger) {
        self.value = value;
        let percentage_of_max = self.value as f64 / self.max as f64;
        if percentage_of_max >= 1.0 {
            m.send("Error: You are over your quota!");
        } else if percentage_of_max >= 0.9 {
            m.send("Urgent warning: You've used up over 90% of your quota!");
        } else if percentage_of_max >= 0.75 {
            m.send("Warning: You've used up over 75% of your quota!");
        }
    }
}

fn main() {
    let m = MockMessenger::new();
    let mut t = LimitTracker { value: 0, max: 100 };
    t.set_value(80, &m);
    t.set_value(95, &m);
    println!("{} messages: {:?}", m.sent_messages.borrow().len(), m.sent_messages.borrow());
}
