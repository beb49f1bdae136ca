// entry: main

// Rust Book ch17: a Screen generic over one component type T: Draw holds
// its components by value in the Vec (one type only, static calls), where
// the trait-object Screen holds a Box per component of any type.
pub trait Draw {
    fn draw(&self) -> String;
}

pub struct Button {
    pub label: String,
}

pub struct Slider {
    pub value: u8,
}

impl Draw for Button {
    fn draw(&self) -> String {
        format!("[{}]", self.label)
    }
}

impl Draw for Slider {
    fn draw(&self) -> String {
        format!("<{}>", self.value)
    }
}

pub struct Screen<T: Draw> {
    pub components: Vec<T>,
}

impl<T> Screen<T>
where
    T: Draw,
{
    pub fn run(&self) -> usize {
        let mut n = 0;
        for c in self.components.iter() {
            println!("{}", c.draw());
            n += 1;
        }
        n
    }
}

pub struct DynScreen {
    pub components: Vec<Box<dyn Draw>>,
}

impl DynScreen {
    pub fn run(&self) -> usize {
        let mut n = 0;
        for c in self.components.iter() {
            println!("{}", c.draw());
            n += 1;
        }
        n
    }
}

fn main() {
    let buttons = Screen {
        components: vec![Button { label: String::from("OK") }, Button { label: String::from("Cancel") }],
    };
    let mixed = DynScreen {
        components: vec![Box::new(Button { label: String::from("Play") }), Box::new(Slider { value: 7 })],
    };
    println!("{} + {}", buttons.run(), mixed.run());
}
