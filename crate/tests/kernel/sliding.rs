//! The sliding strategy's contracts beyond its values: bit-identical for any thread count and any split of a
//! job into chunks, scratch that fails as an error (not an abort), and `auto`'s choice of it.

use crate::common::*;
use memwin::{run, Control, Error, Execution, Job, Named, NanPolicy, Stat, Strategy, WindowRule, Windows};
use std::time::{Duration, Instant};

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|f| f.to_bits()).collect()
}

fn compute(x: &[f64], job: &Job, threads: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; job.windows.count()];
    let exec = Execution::with_threads(threads).unwrap();
    pool(threads).install(|| run(x, &mut out, job, exec, &Control::new())).unwrap();
    out
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The job run in chunks the way a streaming shell does: each chunk over the sub-slice from window i0's
/// start, with i0 a multiple of w / gcd(w, s), each with its own plan.
fn chunked(x: &[f64], job: &Job, windows_per_chunk: usize, threads: usize) -> Vec<f64> {
    let w = job.windows;
    let period = w.size() / gcd(w.size(), w.step());
    let per_chunk = windows_per_chunk.div_ceil(period) * period;
    let mut out = Vec::new();
    let mut i0 = 0;
    while i0 < w.count() {
        let k = per_chunk.min(w.count() - i0);
        let a = w.start(i0);
        let b = w.start(i0 + k - 1) + w.size();
        let sub = Windows::new(b - a, w.size(), w.step(), WindowRule::AllFull).unwrap();
        assert_eq!(sub.count(), k);
        out.extend(compute(&x[a..b], &Job { windows: sub, ..*job }, threads));
        i0 += k;
    }
    out
}

#[test]
fn a_job_run_in_chunks_has_the_bits_of_one_whole_run() {
    let mut x = data(30_000, 1, 0);
    for (i, v) in x.iter_mut().enumerate() {
        *v += 1e6 + (i % 97) as f64; // an offset, so roundings differ between groupings
    }
    x[7_000..7_003].fill(f64::NAN);
    for (size, step) in [(1_500, 1), (1_200, 7), (600, 450), (2_000, 3_000)] {
        let windows = Windows::new(x.len(), size, step, WindowRule::AllFull).unwrap();
        for strategy in [Strategy::PerWindow, Strategy::Blocked, Strategy::Sliding] {
            for stat in [Stat::Mean, Stat::Std, Stat::Min] {
                let job = Job { stat, nan: NanPolicy::Skip, strategy, ..Job::new(windows) };
                let whole = compute(&x, &job, 2);
                for per_chunk in [1, 1_000, 4_321] {
                    assert_eq!(
                        bits(&chunked(&x, &job, per_chunk, 2)),
                        bits(&whole),
                        "{strategy:?} {stat} w {size} s {step}, chunks of {per_chunk}+ windows"
                    );
                }
            }
        }
    }
}

#[test]
fn fewer_blocks_than_lanes_split_each_block_with_the_same_bits() {
    // Two blocks of 5,000 hold every window start: with 8 lanes each block is cut into 4 pieces.
    let x: Vec<f64> = data(11_000, 2, 0).iter().map(|v| 1e6 + v * 1e3).collect();
    let windows = Windows::new(x.len(), 5_000, 1, WindowRule::AllFull).unwrap();
    for &stat in <Stat as Named>::ALL {
        let job = Job { stat, strategy: Strategy::Sliding, ..Job::new(windows) };
        let one = compute(&x, &job, 1);
        for threads in [2, 3, 4, 8] {
            assert_eq!(bits(&compute(&x, &job, threads)), bits(&one), "{stat} on {threads} threads");
        }
        for i in [0, 1, 2_999, 5_000, 5_999] {
            let want = naive(&x[windows.range(i)], stat, NanPolicy::Propagate);
            assert!(close(one[i], want, scale(&x[windows.range(i)], stat), 1e-12), "{stat} window {i}");
        }
    }
}

/// An element that takes no memory: inputs of 2⁵⁰ of them exist without allocating anything, so a job whose
/// scratch cannot fit in memory can be asked for.
#[derive(Clone, Copy)]
struct Nothing;
// SAFETY: a zero-sized type has no bytes, so no padding and no invalid bit pattern.
unsafe impl bytemuck::Zeroable for Nothing {}
unsafe impl bytemuck::Pod for Nothing {}
impl memwin::Element for Nothing {
    const DTYPE: memwin::Dtype = memwin::Dtype::F64;
    const MAY_BE_NAN: bool = false;
    fn to_f64(self) -> f64 {
        0.0
    }
}

#[test]
fn scratch_too_large_for_memory_is_an_error_before_any_work() {
    let n = 1usize << 50;
    let x = vec![Nothing; n];
    let ctl = Control::new();
    // Sliding: the tails of a block of 2⁴⁹ elements. Blocked: a tile of 2⁴⁹ single-element partials.
    for strategy in [Strategy::Sliding, Strategy::Blocked] {
        let windows = Windows::new(n, 1 << 49, 1 << 48, WindowRule::AllFull).unwrap();
        let job = Job { strategy, ..Job::new(windows) };
        let windows = if strategy == Strategy::Blocked {
            Windows::new(n, (1 << 49) + 1, 1 << 48, WindowRule::AllFull).unwrap()
        } else {
            windows
        };
        let job = Job { windows, ..job };
        let mut out = vec![0.0; windows.count()];
        let err = run(&x, &mut out, &job, Execution::Parallel { threads: 2 }, &ctl).unwrap_err();
        let Error::OutOfMemory { bytes, .. } = err else { panic!("{strategy:?}: {err:?}") };
        assert!(bytes >= job.scratch_bytes(2, 8).min(1 << 40), "{strategy:?}: {bytes} bytes");
        assert!(err.to_string().contains(&bytes.to_string()), "the message names the size: {err}");
        assert_eq!(ctl.done(), 0, "nothing ran");
    }
}

#[test]
fn a_long_simulated_cost_is_interrupted_by_cancel() {
    let x = data(1_000, 3, 0);
    let windows = Windows::new(x.len(), 100, 100, WindowRule::AllFull).unwrap();
    // One minute a window: only a sleep that checks the flag can return within seconds.
    let job = Job { cost: Duration::from_secs(60), ..Job::new(windows) };
    let mut out = vec![0.0; windows.count()];
    let ctl = Control::new();
    let start = Instant::now();
    let result = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(50));
            ctl.cancel();
        });
        pool(2).install(|| run(&x, &mut out, &job, Execution::Parallel { threads: 2 }, &ctl))
    });
    assert_eq!(result, Err(Error::Cancelled));
    assert!(start.elapsed() < Duration::from_secs(30), "cancel took {:?}", start.elapsed());
}

#[test]
fn auto_picks_sliding_for_rolling_windows_and_reports_its_scratch() {
    let w = Windows::new(10_000_000, 100_000, 1, WindowRule::AllFull).unwrap();
    let job = Job::new(w);
    assert_eq!(job.resolved_strategy(), Strategy::Sliding);
    // O(lanes · (sub-chunk + w / sub-chunk)) states, not O(n) nor O(w).
    let bytes = job.scratch_bytes(2, 8);
    assert!(bytes > 0 && bytes < 1 << 20, "{bytes} bytes");
    // With a simulated cost, one task per window, as the seed experiment.
    let costly = Job { cost: Duration::from_millis(1), ..job };
    assert_eq!(costly.resolved_strategy(), Strategy::PerWindow);
}
