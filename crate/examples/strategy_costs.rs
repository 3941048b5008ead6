//! Times every strategy on jobs that isolate the terms of `Strategy::Auto`'s cost model (crate/src/cost.rs),
//! in memory (no file, no page faults), best of `--repeat`, and prints each with auto's estimate and pick.
//! The constants in cost.rs were read off this table on this project's machine.
//!
//! `cargo run --release -p memwin --example strategy_costs -- [--len 1e7] [--threads 1] [--repeat 5] [--stat mean]`

use memwin::cost::estimates;
use memwin::{run, Control, Execution, Job, Stat, WindowRule, Windows};
use std::time::Instant;

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned()).unwrap_or_else(|| default.into())
}

fn main() {
    let n = arg("--len", "1e7").parse::<f64>().expect("--len") as usize;
    let threads: usize = arg("--threads", "1").parse().expect("--threads");
    let repeat: usize = arg("--repeat", "5").parse().expect("--repeat");
    let stats: Vec<Stat> = arg("--stat", "mean,max,std").split(',').map(|s| s.parse().expect("--stat")).collect();
    // The offset signal of issue 6: 1e6 + uniform·1e3, from a tiny LCG.
    let mut state = 0x9e3779b97f4a7c15u64;
    let x: Vec<f64> = (0..n)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            1e6 + (state >> 11) as f64 / (1u64 << 53) as f64 * 1e3
        })
        .collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    let exec = Execution::with_threads(threads).unwrap();
    let jobs: &[(usize, usize)] = &[
        (1_000, 1),
        (100_000, 1),
        (1_000_000, 1),
        (100_000, 7),
        (100_000, 100),
        (100_000, 1_000),
        (100_000, 100_000),
        (64, 16),
        (1_000, 250),
        (10_000, 1_000),
        (500_000, 100_000),
        (100, 1),
        (16, 1),
    ];
    println!("n = {n}, {threads} thread(s), best of {repeat}; times in ms, model estimates (1 thread) in brackets");
    println!("| stat | w | s | k | per-window | blocked | sliding | auto picks |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for &stat in &stats {
        for &(w, s) in jobs {
            let windows = Windows::new(n, w, s, WindowRule::AllFull).unwrap();
            let mut row = format!("| {stat} | {w} | {s} | {} |", windows.count());
            let est = estimates(&Job { stat, ..Job::new(windows) });
            for (strategy, ns) in est {
                let job = Job { stat, strategy, ..Job::new(windows) };
                // Skip runs that would take minutes (per-window or blocked at step 1 over long windows).
                if ns > 2e10 {
                    row += &format!(" - [{:.0}] |", ns / 1e6);
                    continue;
                }
                let mut out = vec![0.0; windows.count()];
                let best = (0..repeat)
                    .map(|_| {
                        let t = Instant::now();
                        pool.install(|| run(&x, &mut out, &job, exec, &Control::new())).unwrap();
                        t.elapsed().as_secs_f64()
                    })
                    .fold(f64::INFINITY, f64::min);
                row += &format!(" {:.2} [{:.1}] |", best * 1e3, ns / 1e6);
            }
            row += &format!(" {} |", Job { stat, ..Job::new(windows) }.resolved_strategy());
            println!("{row}");
        }
    }
}
