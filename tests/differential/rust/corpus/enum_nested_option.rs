// entry: main

// Nested patterns: an Option of an enum, and an enum holding an Option.
#[derive(Debug)]
enum Cmd {
    Go(u32),
    Turn(Option<i32>),
    Stop,
}

fn run(cmds: &Vec<Option<Cmd>>) -> i64 {
    let mut pos = 0i64;
    for c in cmds {
        match c {
            Some(Cmd::Go(n)) => pos += *n as i64,
            Some(Cmd::Turn(Some(d))) if *d < 0 => pos -= 1,
            Some(Cmd::Turn(Some(_))) => pos += 1,
            Some(Cmd::Turn(None)) => {}
            Some(Cmd::Stop) => break,
            None => pos *= 2,
        }
    }
    pos
}

fn main() {
    let cmds = vec![Some(Cmd::Go(3)), None, Some(Cmd::Turn(Some(-5))), Some(Cmd::Turn(None)),
                    Some(Cmd::Turn(Some(2))), Some(Cmd::Stop), Some(Cmd::Go(100))];
    println!("{}", run(&cmds));
    println!("{:?}", cmds[2]);
}
