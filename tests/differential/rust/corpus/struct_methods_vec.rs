// entry: run_log

// Methods with &mut self push into a Vec field; self methods consume the struct.
struct Log {
    lines: Vec<String>,
    limit: usize,
}

impl Log {
    fn new(limit: usize) -> Self {
        Log { lines: Vec::new(), limit: limit }
    }

    fn add(&mut self, text: &str) -> bool {
        if self.lines.len() >= self.limit {
            return false;
        }
        self.lines.push(text.to_string());
        true
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    fn into_lines(self) -> Vec<String> {
        self.lines
    }
}

fn run_log() -> usize {
    let mut log = Log::new(5);
    let mut accepted = 0;
    for _ in 0..7 {
        if log.add("event") {
            accepted += 1;
        }
    }
    let n = log.len();
    let lines = log.into_lines();
    accepted + n + lines.len()
}

fn main() {
    println!("{}", run_log());
}
