// title: A struct with methods
// entry: struct_methods
// lesson: basics
// claim: An object with methods that mutate it has to live on the heap, like objects in other languages.
// truth: The struct lives in the caller's frame; &self and &mut self are pointers into that frame, and taking self moves it: zero allocations.
// par: 679

struct Player {
    score: i64,
    lives: i64,
}

impl Player {
    fn new() -> Self {
        Player { score: 0, lives: 3 }
    }

    fn hit(&mut self, points: i64) {
        self.score += points;
    }

    fn lose_life(&mut self) {
        self.lives -= 1;
    }

    fn alive(&self) -> bool {
        self.lives > 0
    }

    fn finish(self) -> i64 {
        self.score * 10 + self.lives
    }
}

fn struct_methods() -> i64 {
    let mut player = Player::new();
    let mut round = 1;
    while player.alive() {
        player.hit(round * 5);
        if round % 4 == 0 {
            player.lose_life();
        }
        round += 1;
    }
    player.finish()
}

fn main() {
    println!("{}", struct_methods());
}
