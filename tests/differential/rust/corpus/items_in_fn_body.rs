// entry: main

// Items declared inside a function body: a struct with a derive and an impl,
// an enum, a helper fn, a const and a use, all local to main.
fn main() {
    use std::mem;

    const LIMIT: usize = 3;

    #[derive(Debug, Clone, PartialEq)]
    struct Point {
        x: i32,
        y: i32,
    }

    impl Point {
        fn norm1(&self) -> i32 {
            self.x.abs() + self.y.abs()
        }
    }

    enum Dir {
        Left,
        Right,
    }

    fn step(p: &Point, d: Dir) -> Point {
        match d {
            Dir::Left => Point { x: p.x - 1, y: p.y },
            Dir::Right => Point { x: p.x + 1, y: p.y },
        }
    }

    let mut path = Vec::new();
    let mut p = Point { x: 0, y: 2 };
    for i in 0..LIMIT {
        p = step(&p, if i % 2 == 0 { Dir::Left } else { Dir::Right });
        path.push(p.clone());
    }
    let first = path[0].clone();
    mem::drop(first);
    println!("{:?} {} {}", path, p.norm1(), path[0] == path[2]);
}
