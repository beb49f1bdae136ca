// entry: main

// Temporaries with a Drop impl live to the end of their statement; a value
// bound with `let _ =` is dropped at once, `let _x =` at the end of the scope.
struct Loud(&'static str);

impl Drop for Loud {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn make(name: &'static str) -> Loud {
    Loud(name)
}

fn len_of(l: &Loud) -> usize {
    l.0.len()
}

fn main() {
    println!("len {}", len_of(&make("temp")));
    let _ = make("underscore");
    let _kept = make("kept");
    println!("after lets");
    make("statement");
    println!("end");
}
