// entry: main

// Option's map / and_then / unwrap_or_else and `?` in a function returning
// Option: each is a match, and only the String built in `map` allocates.
struct User {
    name: String,
    manager: Option<usize>,
}

fn manager_name(users: &Vec<User>, i: usize) -> Option<String> {
    let m = users.get(i)?.manager?;
    let boss = users.get(m)?;
    Some(boss.name.clone())
}

fn main() {
    let users = vec![
        User { name: String::from("ada"), manager: None },
        User { name: String::from("bob"), manager: Some(0) },
        User { name: String::from("cy"), manager: Some(7) },
    ];
    println!("{:?}", manager_name(&users, 1));
    println!("{:?}", manager_name(&users, 2));
    println!("{:?}", manager_name(&users, 9));
    let len = manager_name(&users, 1).map(|n| n.len());
    let doubled = Some(21).and_then(|x| if x > 0 { Some(x * 2) } else { None });
    let fallback = manager_name(&users, 0).unwrap_or_else(|| String::from("nobody"));
    println!("{:?} {:?} {}", len, doubled, fallback);
    let label = Some(5).map(|n| format!("#{}", n));
    println!("{:?}", label);
}
