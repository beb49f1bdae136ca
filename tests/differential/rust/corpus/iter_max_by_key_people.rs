// entry: main

struct Person {
    name: String,
    age: u32,
}

fn main() {
    let people = vec![
        Person { name: String::from("Ann"), age: 31 },
        Person { name: String::from("Bo"), age: 45 },
        Person { name: String::from("Cy"), age: 45 },
        Person { name: String::from("Di"), age: 19 },
    ];
    let oldest = people.iter().max_by_key(|p| p.age);
    let youngest = people.iter().min_by_key(|p| p.age);
    if let (Some(o), Some(y)) = (oldest, youngest) {
        println!("oldest {} youngest {}", o.name, y.name);
    }
    let longest_name = people.into_iter().max_by_key(|p| p.name.len()).map(|p| p.name);
    println!("{:?}", longest_name);
}
