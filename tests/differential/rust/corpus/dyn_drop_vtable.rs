// entry: main

// Dropping a Box<dyn Trait> goes through the vtable: drop_in_place of the
// real type (its Drop runs, its String is freed), then the box is freed
// with the size in the vtable.
trait Job {
    fn run(&self) -> u32;
}

struct Print {
    msg: String,
}

struct Count {
    n: u32,
}

impl Job for Print {
    fn run(&self) -> u32 {
        println!("print: {}", self.msg);
        1
    }
}

impl Job for Count {
    fn run(&self) -> u32 {
        self.n
    }
}

impl Drop for Count {
    fn drop(&mut self) {
        println!("dropping Count({})", self.n);
    }
}

fn make(k: u32) -> Box<dyn Job> {
    if k % 2 == 0 {
        Box::new(Print { msg: format!("job {}", k) })
    } else {
        Box::new(Count { n: k })
    }
}

fn main() {
    let mut done = 0;
    for k in 0..4 {
        let job = make(k);
        done += job.run();
    }
    println!("done {}", done);
}
