// entry: main

// A grade book: every statistic is one pass over the scores, no heap but
// the report lines.
struct Student {
    name: String,
    scores: Vec<u32>,
}

fn average(scores: &Vec<u32>) -> Option<u32> {
    if scores.is_empty() {
        return None;
    }
    let total: u32 = scores.iter().sum();
    Some(total / scores.len() as u32)
}

fn main() {
    let class = vec![
        Student { name: String::from("Ada"), scores: vec![90, 85, 99] },
        Student { name: String::from("Brian"), scores: vec![] },
        Student { name: String::from("Cleo"), scores: vec![70, 65, 88, 92] },
    ];
    let report: Vec<String> = class
        .iter()
        .map(|s| match average(&s.scores) {
            Some(a) => format!("{}: {}", s.name, a),
            None => format!("{}: no scores", s.name),
        })
        .collect();
    for line in &report {
        println!("{}", line);
    }
    let best = class.iter().filter_map(|s| average(&s.scores)).max();
    let all_passed = class.iter().all(|s| s.scores.iter().all(|x| *x >= 60));
    println!("{:?} {}", best, all_passed);
}
