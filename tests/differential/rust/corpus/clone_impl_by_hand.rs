// entry: main

// Clone written by hand: the user's clone decides what is copied (here the
// name is cloned, a fresh empty history is started) and prints when it runs.
struct Player {
    name: String,
    score: u32,
    history: Vec<u32>,
}

impl Clone for Player {
    fn clone(&self) -> Self {
        println!("cloning {}", self.name);
        Player { name: self.name.clone(), score: self.score, history: Vec::new() }
    }
}

fn main() {
    let mut p = Player { name: String::from("ada"), score: 10, history: vec![1, 2, 3] };
    let q = p.clone();
    p.score += 5;
    p.history.push(4);
    println!("{} {} {}", p.name, p.score, p.history.len());
    println!("{} {} {}", q.name, q.score, q.history.len());
}
