// A/B of the kernel between two commits: the best time and a digest of the output bits of a fixed set of
// jobs (1e7 seeded f64; the NaN/inf variant for the skip rows), on 1 and 2 threads. Uses only API that both
// sides of issue 18's reshaping have. To compare commit A with the working tree:
//   git worktree add /tmp/a A && cp bench/kernel_ab.rs /tmp/a/crate/examples/ && cp bench/kernel_ab.rs crate/examples/
//   (cd /tmp/a && cargo build --release -p memwin --example kernel_ab) && cargo build --release -p memwin --example kernel_ab
//   then run /tmp/a/target/release/examples/kernel_ab and target/release/examples/kernel_ab in turn, 3 times each
// (REPS=5 by default), and compare each line's best time and digest.
use memwin::random::fill_random;
use memwin::{run, Control, Execution, Job, NanPolicy, Stat, Strategy, WindowRule, Windows};
#[allow(unused_imports)]
use memwin::Named; // Display on the option enums after issue 18 needs nothing more
use std::time::Instant;
fn main() {
    let n = 10_000_000;
    let mut x = vec![0.0f64; n];
    fill_random(0, &mut x, Execution::Sequential);
    let mut y = x.clone();
    for i in (0..n).step_by(99_991) { y[i] = f64::NAN; }
    y[5_000_017] = f64::INFINITY;
    let jobs: Vec<(usize, usize, Stat, Strategy, NanPolicy, bool)> = vec![
        (1000, 1, Stat::Mean, Strategy::Auto, NanPolicy::Propagate, false),
        (1000, 1, Stat::Std, Strategy::Auto, NanPolicy::Propagate, false),
        (1000, 1, Stat::Max, Strategy::Auto, NanPolicy::Propagate, false),
        (100_000, 1, Stat::Mean, Strategy::Auto, NanPolicy::Propagate, false),
        (500_000, 100_000, Stat::Mean, Strategy::Auto, NanPolicy::Propagate, false),
        (10_000, 1000, Stat::Var, Strategy::Blocked, NanPolicy::Propagate, false),
        (10_000, 1000, Stat::Var, Strategy::PerWindow, NanPolicy::Propagate, false),
        (1000, 7, Stat::Std, Strategy::Sliding, NanPolicy::Skip, true),
        (1000, 1, Stat::Mean, Strategy::Sliding, NanPolicy::Skip, true),
        (1000, 1, Stat::Min, Strategy::Sliding, NanPolicy::Skip, true),
        (4096, 1024, Stat::Sum, Strategy::Blocked, NanPolicy::Skip, true),
        (8_000_000, 1, Stat::Mean, Strategy::Auto, NanPolicy::Propagate, false),
    ];
    let reps: usize = std::env::var("REPS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    for (w, s, stat, strategy, nan, nans) in jobs {
        for threads in [1, 2] {
            let data = if nans { &y } else { &x };
            let windows = Windows::new(n, w, s, WindowRule::AllFull).unwrap();
            let job = Job { stat, strategy, nan, ..Job::new(windows) };
            let exec = Execution::with_threads(threads).unwrap();
            let mut out = vec![0.0; windows.count()];
            let mut best = f64::INFINITY;
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut used = None;
            for _ in 0..reps {
                let t = Instant::now();
                used = Some(pool.install(|| run(data, &mut out, &job, exec, &Control::new()).unwrap()));
                best = best.min(t.elapsed().as_secs_f64());
            }
            let mut h: u64 = 0xcbf29ce484222325;
            for v in &out { h = (h ^ v.to_bits()).wrapping_mul(0x100000001b3); }
            println!("w={w} s={s} {stat} {strategy}->{} {nan} threads={threads} best_ms={:.2} digest={h:016x}", used.unwrap(), best * 1e3);
        }
    }
}
