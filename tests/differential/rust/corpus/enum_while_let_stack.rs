// entry: main

// while let on a Vec of enum values: pop until empty, matching each token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num(i64),
    Add,
    Mul,
}

fn main() {
    let program = vec![Tok::Num(2), Tok::Num(3), Tok::Add, Tok::Num(4), Tok::Mul];
    let mut stack: Vec<i64> = Vec::new();
    for t in &program {
        match *t {
            Tok::Num(n) => stack.push(n),
            Tok::Add | Tok::Mul => {
                let b = stack.pop().unwrap();
                let a = stack.pop().unwrap();
                stack.push(if *t == Tok::Add { a + b } else { a * b });
            }
        }
    }
    let mut rev = program.clone();
    let mut seen = 0;
    while let Some(t) = rev.pop() {
        if let Tok::Num(_) = t {
            seen += 1;
        }
    }
    println!("{:?} {} {:?}", stack, seen, program[4]);
}
