// entry: main

// Bubble sort with swap (in place, no allocation), then appending a slice
// with extend_from_slice: one reserve for the whole slice.
fn bubble_sort(v: &mut Vec<i32>) {
    let n = v.len();
    for i in 0..n {
        for j in 0..n - 1 - i {
            if v[j] > v[j + 1] {
                v.swap(j, j + 1);
            }
        }
    }
}

fn main() {
    let mut v = vec![5, 2, 9, 1, 7];
    bubble_sort(&mut v);
    println!("{:?}", v);
    let extra = [3, 4, 6, 8];
    v.extend_from_slice(&extra);
    v.extend_from_slice(&[11, 12]);
    println!("{:?} len {} cap {}", v, v.len(), v.capacity());
    let mut arr = [1, 2, 3];
    arr.swap(0, 2);
    println!("{:?}", arr);
}
