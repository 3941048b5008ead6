//! The kernel on its own, without files or the CLI: the means of overlapping windows over random data,
//! sequentially and on a pool of threads, with the same bits either way.
//!
//! Run it with `cargo run --release --example window_means`.

use memwin::random::fill_random;
use memwin::{run, Control, Execution, Job, Named, Stat, WindowRule, Windows};

fn main() -> Result<(), memwin::Error> {
    // 1e6 values in [0, 1), seeded: the same on every machine and for any thread count.
    let mut x = vec![0.0f64; 1_000_000];
    fill_random(0, &mut x, Execution::Sequential);

    // Windows of 50_000 every 10_000, as numpy's sliding_window_view(x, 50_000)[::10_000].
    let windows = Windows::new(x.len(), 50_000, 10_000, WindowRule::AllFull)?;
    let mut job = Job::new(windows);
    job.stat = Stat::Mean;

    let ctl = Control::new();
    let mut sequential = vec![0.0; windows.count()];
    run(&x, &mut sequential, &job, Execution::Sequential, &ctl)?;

    // `Parallel { threads }` runs that many lanes in the current rayon pool: give it a pool of that size.
    let threads = 4;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    let mut parallel = vec![0.0; windows.count()];
    ctl.reset();
    let strategy = pool.install(|| run(&x, &mut parallel, &job, Execution::Parallel { threads }, &ctl))?;

    println!(
        "{} windows of {} (step {}), {} strategy",
        windows.count(),
        windows.size(),
        windows.step(),
        strategy.name()
    );
    for (i, m) in parallel.iter().enumerate().take(5) {
        println!("window {i:>2} [{:>7}, {:>7}): mean {m:.6}", windows.range(i).start, windows.range(i).end);
    }
    let identical = sequential.iter().zip(&parallel).all(|(a, b)| a.to_bits() == b.to_bits());
    println!("parallel == sequential, bit for bit: {identical}");
    assert!(identical);
    Ok(())
}
