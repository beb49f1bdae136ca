// entry: process_in_rounds

// A work list reused round after round: `drain(..)` hands out this round's
// jobs and leaves the Vec empty but with its buffer, so the next round's
// pushes need no allocation. Dropping the Drain without collecting it
// (`jobs.drain(..2);`) just drops those elements.
fn process_in_rounds() -> u64 {
    let mut jobs: Vec<String> = Vec::with_capacity(4);
    let mut done = 0;
    for round in 0..3 {
        for j in 0..4 {
            jobs.push(format!("job{}-{}", round, j));
        }
        jobs.drain(..2);
        let this_round: Vec<String> = jobs.drain(..).collect();
        done += this_round.len() as u64;
        println!("round {}: {} jobs, {:?}, buffer keeps capacity {}", round, this_round.len(),
                 this_round, jobs.capacity());
    }
    done
}

fn main() {
    println!("{}", process_in_rounds());
}
