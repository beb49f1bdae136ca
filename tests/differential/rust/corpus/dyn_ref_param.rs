// entry: main

// &dyn Trait: a function that takes any Animal by reference, no Box, no
// allocation; the fat reference is built where the call coerces.
trait Animal {
    fn name(&self) -> String;
    fn sound(&self) -> String;
    fn speak(&self) -> String {
        format!("{} says {}", self.name(), self.sound())
    }
}

struct Dog;
struct Cat {
    lives: u8,
}

impl Animal for Dog {
    fn name(&self) -> String {
        String::from("Dog")
    }
    fn sound(&self) -> String {
        String::from("woof")
    }
}

impl Animal for Cat {
    fn name(&self) -> String {
        format!("Cat({})", self.lives)
    }
    fn sound(&self) -> String {
        String::from("meow")
    }
}

fn introduce(a: &dyn Animal) {
    println!("{}", a.speak());
}

fn main() {
    let d = Dog;
    let c = Cat { lives: 9 };
    introduce(&d);
    introduce(&c);
    let pets: [&dyn Animal; 2] = [&c, &d];
    for p in pets.iter() {
        println!("{}", p.name());
    }
}
