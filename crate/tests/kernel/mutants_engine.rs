//! What the old `engine.rs` (now `strategy/dispatch.rs`, `choose.rs` and `job/`) promises, tested where the rest of the suite only uses it in passing (found by
//! cargo-mutants, see RELIABILITY.md): the strategy `run` dispatches to and reports, the scratch bytes a
//! shell checks before running, progress, cancellation and reset, and the thread count. Every expected
//! value is worked by hand below. Fast: part of the mutation subset in `.cargo/mutants.toml`.

use memwin::{run, Access, Control, Error, Execution, Job, Partial, Stat, Strategy, WindowRule, Windows};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// 24 elements: 1e16 at 0, 1 at 8 and at 15, zeros elsewhere. Windows of 16, every 8: [0, 16) and [8, 24).
///
/// Window 0's exact sum is 1e16 + 2, a double (the doubles near 1e16 are 2 apart). The three strategies
/// round it differently, by their documented orders of addition:
/// - per-window sums pairwise as numpy: 16 elements go into 8 accumulators, r0 = 1e16 + 1 (a tie, rounded
///   to the even 1e16), r7 = 0 + 1 = 1, then r0 + … + r7 = 1e16 + 1 = 1e16 again (numpy's `x[:16].sum()` is
///   1e16 too);
/// - blocked sums blocks of gcd(16, 8) = 8 elements: [0, 8) gives 1e16, [8, 16) gives 2, merged 1e16 + 2;
/// - sliding keeps double-double sums and rounds once per window: 1e16 + 2.
///
/// Window 1 holds 1, 1 and zeros: 2 for all three.
fn tie_case() -> (Vec<f64>, Windows) {
    let mut x = vec![0.0; 24];
    x[0] = 1e16;
    x[8] = 1.0;
    x[15] = 1.0;
    let windows = Windows::new(x.len(), 16, 8, WindowRule::AllFull).unwrap();
    (x, windows)
}

#[test]
fn run_computes_with_the_strategy_asked_for_and_reports_it() {
    let (x, windows) = tie_case();
    let exact = 1e16 + 2.0;
    assert_ne!(exact, 1e16, "1e16 + 2 is a double");
    for (strategy, window_0) in [(Strategy::PerWindow, 1e16), (Strategy::Blocked, exact), (Strategy::Sliding, exact)] {
        for exec in [Execution::Sequential, Execution::Parallel { threads: 2 }] {
            let job = Job { stat: Stat::Sum, strategy, ..Job::new(windows) };
            let mut out = vec![f64::NAN; windows.count()];
            let used = run(&x, &mut out, &job, exec, &Control::new());
            assert_eq!(used, Ok(strategy), "{strategy:?} {exec:?}");
            assert_eq!(out, [window_0, 2.0], "{strategy:?} {exec:?}");
        }
    }
}

#[test]
fn a_concrete_strategy_resolves_to_itself_and_auto_to_a_concrete_one() {
    let windows = Windows::new(1_000, 10, 5, WindowRule::AllFull).unwrap();
    for strategy in [Strategy::PerWindow, Strategy::Blocked, Strategy::Sliding] {
        assert_eq!(Job { strategy, ..Job::new(windows) }.resolved_strategy(), strategy);
    }
    let auto = Job::new(windows);
    assert_eq!(auto.strategy, Strategy::Auto);
    let resolved = auto.resolved_strategy();
    assert_ne!(resolved, Strategy::Auto);
    let x = vec![1.0f64; 1_000];
    let mut out = vec![0.0; windows.count()];
    assert_eq!(run(&x, &mut out, &auto, Execution::Sequential, &Control::new()), Ok(resolved));
}

#[test]
fn scratch_bytes_add_each_lanes_private_copy_to_the_strategys_own() {
    // Overlapping windows (s < w), so blocked keeps a tile of partials and sliding its suffix states.
    let windows = Windows::new(1_000, 10, 5, WindowRule::AllFull).unwrap();
    let job = |strategy, access| Job { strategy, access, ..Job::new(windows) };
    let (lanes, elem) = (3, 4);
    // Per-window keeps nothing; under Copy each lane copies one window: 3 lanes × 10 elements × 4 bytes.
    assert_eq!(job(Strategy::PerWindow, Access::Shared).scratch_bytes(lanes, elem), 0);
    assert_eq!(job(Strategy::PerWindow, Access::Copy).scratch_bytes(lanes, elem), 120);
    assert_eq!(job(Strategy::PerWindow, Access::Copy).scratch_bytes(1, 8), 80);
    // Blocked: 199 windows of 2 blocks of gcd(10, 5) = 5, one step apart. A lane keeps the partials of one
    // piece: one piece a lane reads the fewest blocks on the busiest lane here (⌈199 / 3⌉ = 67 windows, 66 +
    // 2 = 68 blocks, against 35 blocks twice for two pieces a lane). Under Copy, a lane copies a piece's
    // span: 66 steps of 5 and a window of 10, 340 elements.
    let blocked = job(Strategy::Blocked, Access::Shared).scratch_bytes(lanes, elem);
    assert_eq!(blocked, 3 * 68 * std::mem::size_of::<Partial>() as u64);
    assert_eq!(job(Strategy::Blocked, Access::Copy).scratch_bytes(lanes, elem), blocked + 3 * 340 * 4);
    // Sliding keeps states of its own (more than none), and under Copy each lane copies two windows' span.
    let sliding = job(Strategy::Sliding, Access::Shared).scratch_bytes(lanes, elem);
    assert!(sliding > 0, "{sliding}");
    assert_eq!(job(Strategy::Sliding, Access::Copy).scratch_bytes(lanes, elem), sliding + 240);
    // Non-overlapping windows: blocked merges each window's blocks as they come, no tile.
    let apart = Windows::new(1_000, 10, 10, WindowRule::AllFull).unwrap();
    assert_eq!(Job { strategy: Strategy::Blocked, ..Job::new(apart) }.scratch_bytes(lanes, elem), 0);
}

#[test]
fn progress_counts_every_window_once_and_reset_clears_it() {
    let x: Vec<f64> = (0..100).map(f64::from).collect();
    let windows = Windows::new(x.len(), 10, 3, WindowRule::AllFull).unwrap();
    assert_eq!(windows.count(), 31, "(100 − 10) / 3 + 1");
    for strategy in [Strategy::PerWindow, Strategy::Blocked] {
        for exec in [Execution::Sequential, Execution::Parallel { threads: 2 }] {
            let job = Job { strategy, ..Job::new(windows) };
            let ctl = Control::new();
            assert_eq!(ctl.done(), 0);
            let mut out = vec![0.0; windows.count()];
            assert_eq!(run(&x, &mut out, &job, exec, &ctl), Ok(strategy));
            assert_eq!(ctl.done(), 31, "{strategy:?} {exec:?}");
            assert_eq!(ctl.done_counter().load(Ordering::Relaxed), 31, "the raw counter is the same count");
            // Means of 10 consecutive whole numbers from 3i: 3i + 4.5.
            let expected: Vec<f64> = (0..31).map(|i| 3.0 * i as f64 + 4.5).collect();
            assert_eq!(out, expected, "{strategy:?} {exec:?}");
            ctl.reset();
            assert_eq!(ctl.done(), 0, "reset clears the count");
            assert_eq!(ctl.done_counter().load(Ordering::Relaxed), 0);
        }
    }
}

#[test]
fn a_cancelled_control_fails_the_run_until_it_is_reset() {
    let x = vec![2.0f64; 100];
    let windows = Windows::new(x.len(), 10, 10, WindowRule::AllFull).unwrap();
    let job = Job::new(windows);
    let ctl = Control::new();
    assert!(!ctl.is_cancelled());
    assert!(!ctl.cancel_flag().load(Ordering::Relaxed));
    ctl.cancel();
    assert!(ctl.is_cancelled());
    assert!(ctl.cancel_flag().load(Ordering::Relaxed), "cancel sets the raw flag the page reads");
    let mut out = vec![0.0; 10];
    assert_eq!(run(&x, &mut out, &job, Execution::Sequential, &ctl), Err(Error::Cancelled));
    ctl.reset();
    assert!(!ctl.is_cancelled());
    assert_eq!(run(&x, &mut out, &job, Execution::Sequential, &ctl), Ok(job.resolved_strategy()));
    assert_eq!(out, [2.0; 10]);
    // The page cancels through the raw flag: the same as cancel().
    ctl.cancel_flag().store(true, Ordering::Relaxed);
    assert!(ctl.is_cancelled());
    assert_eq!(run(&x, &mut out, &job, Execution::Sequential, &ctl), Err(Error::Cancelled));
}

#[test]
fn a_small_simulated_cost_runs_natively() {
    // Only a wasm32 build without atomics refuses to sleep (Error::CannotSleep); here it must run.
    let x = vec![1.0f64; 30];
    let windows = Windows::new(x.len(), 10, 10, WindowRule::AllFull).unwrap();
    let job = Job { cost: Duration::from_millis(1), ..Job::new(windows) };
    let mut out = vec![0.0; 3];
    assert_eq!(run(&x, &mut out, &job, Execution::Sequential, &Control::new()), Ok(Strategy::PerWindow));
    assert_eq!(out, [1.0; 3]);
}

#[test]
fn execution_reports_its_thread_count() {
    assert_eq!(Execution::with_threads(0), Err(Error::ZeroThreads(0)));
    assert_eq!(Execution::with_threads(1), Ok(Execution::Sequential));
    assert_eq!(Execution::with_threads(3), Ok(Execution::Parallel { threads: 3 }));
    assert_eq!(Execution::Sequential.threads(), 1);
    assert_eq!(Execution::Parallel { threads: 3 }.threads(), 3);
    assert_eq!(Execution::with_threads(7).map(Execution::threads), Ok(7));
}
