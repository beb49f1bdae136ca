// entry: push_structs

// A 24-byte struct (i64, i64, u8 padded to 8) pushed 9 times, then popped.
struct Particle {
    x: i64,
    y: i64,
    alive: u8,
}

fn push_structs() -> i64 {
    let mut particles: Vec<Particle> = Vec::new();
    for i in 0..9 {
        particles.push(Particle { x: i, y: -i, alive: 1 });
    }
    let mut total = 0;
    while let Some(p) = particles.pop() {
        total += p.x - p.y + p.alive as i64;
    }
    total
}

fn main() {
    println!("{}", push_structs());
}
