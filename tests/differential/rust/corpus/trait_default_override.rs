// entry: main

// A trait with two default methods, one overridden: static dispatch picks
// the impl's version or the default per type.
trait Animal {
    fn name(&self) -> String;
    fn noise(&self) -> String {
        String::from("...")
    }
    fn speak(&self) -> String {
        let mut s = self.name();
        s.push_str(" says ");
        s.push_str(&self.noise());
        s
    }
}

struct Dog;
struct Fish {
    fins: u8,
}

impl Animal for Dog {
    fn name(&self) -> String {
        String::from("dog")
    }
    fn noise(&self) -> String {
        String::from("woof")
    }
}

impl Animal for Fish {
    fn name(&self) -> String {
        let mut s = String::from("fish with fins ");
        s.push(if self.fins > 1 { 'n' } else { '1' });
        s
    }
}

fn main() {
    let d = Dog;
    let f = Fish { fins: 2 };
    println!("{}", d.speak());
    println!("{}", f.speak());
}
