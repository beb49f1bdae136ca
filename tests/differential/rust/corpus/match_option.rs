// entry: match_option

// match and if let on Option<Box<_>> and Option<Vec<_>>.
fn find(limit: i64) -> Option<Box<i64>> {
    if limit > 3 {
        Some(Box::new(limit * 2))
    } else {
        None
    }
}

fn match_option() -> i64 {
    let mut total = 0;
    for i in 0..6 {
        match find(i) {
            Some(b) => total += *b,
            None => total += 1,
        }
    }
    let maybe: Option<Vec<i64>> = Some(vec![1, 2, 3]);
    if let Some(v) = &maybe {
        total += v[2];
    }
    let nothing: Option<Vec<i64>> = None;
    if let Some(v) = nothing {
        total += v.len() as i64;
    }
    total
}

fn main() {
    println!("{}", match_option());
}
