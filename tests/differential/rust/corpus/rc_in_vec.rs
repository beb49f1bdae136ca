// entry: rc_in_vec

// Many Rc handles in a Vec share one allocation.
use std::rc::Rc;

fn rc_in_vec() -> usize {
    let shared = Rc::new(String::from("shared text"));
    let mut handles: Vec<Rc<String>> = Vec::new();
    for _ in 0..6 {
        handles.push(Rc::clone(&shared));
    }
    let mut total = 0;
    for h in &handles {
        total += h.len();
    }
    total
}

fn main() {
    println!("{}", rc_in_vec());
}
