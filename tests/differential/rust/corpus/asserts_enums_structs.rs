// entry: main

// assert_eq! on enums and structs with derived PartialEq and Debug.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Dir {
    N,
    E,
    S,
    W,
}

#[derive(Debug, PartialEq, Clone, Copy)]
struct Pos {
    x: i32,
    y: i32,
}

fn step(p: Pos, d: Dir) -> Pos {
    match d {
        Dir::N => Pos { y: p.y + 1, ..p },
        Dir::S => Pos { y: p.y - 1, ..p },
        Dir::E => Pos { x: p.x + 1, ..p },
        Dir::W => Pos { x: p.x - 1, ..p },
    }
}

fn main() {
    let mut p = Pos { x: 0, y: 0 };
    for d in [Dir::N, Dir::E, Dir::E, Dir::S, Dir::W] {
        p = step(p, d);
    }
    assert_eq!(p, Pos { x: 1, y: 0 });
    assert_ne!(Dir::N, Dir::S);
    assert!(p.x == 1, "x moved once to the east");
    println!("{:?}", p);
}
