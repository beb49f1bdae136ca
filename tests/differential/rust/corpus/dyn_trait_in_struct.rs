// entry: main

// A struct that owns a Box<dyn Trait> field (the strategy pattern): the
// strategy is chosen at run time and called through its vtable.
trait Discount {
    fn apply(&self, cents: u32) -> u32;
    fn name(&self) -> String;
}

struct NoDiscount;
struct Percent(u32);

impl Discount for NoDiscount {
    fn apply(&self, cents: u32) -> u32 {
        cents
    }
    fn name(&self) -> String {
        String::from("none")
    }
}

impl Discount for Percent {
    fn apply(&self, cents: u32) -> u32 {
        cents - cents * self.0 / 100
    }
    fn name(&self) -> String {
        format!("{}% off", self.0)
    }
}

struct Checkout {
    items: Vec<u32>,
    discount: Box<dyn Discount>,
}

impl Checkout {
    fn total(&self) -> u32 {
        let mut sum = 0;
        for c in &self.items {
            sum += c;
        }
        self.discount.apply(sum)
    }
}

fn main() {
    let plain = Checkout { items: vec![1000, 250], discount: Box::new(NoDiscount) };
    let sale = Checkout { items: vec![1000, 250, 50], discount: Box::new(Percent(20)) };
    for c in [&plain, &sale] {
        println!("{} with {}", c.total(), c.discount.name());
    }
}
