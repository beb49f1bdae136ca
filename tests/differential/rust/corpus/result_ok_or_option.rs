// entry: main

fn find_index(v: &Vec<i32>, target: i32) -> Option<usize> {
    let mut i = 0;
    while i < v.len() {
        if v[i] == target {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn locate(v: &Vec<i32>, target: i32) -> Result<usize, String> {
    let i = find_index(v, target).ok_or(String::from("missing"))?;
    Ok(i)
}

fn main() {
    let v = vec![4, 8, 15, 16, 23, 42];
    println!("{:?}", locate(&v, 15));
    println!("{:?}", locate(&v, 99));
}
