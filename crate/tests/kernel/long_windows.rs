//! Fewer windows than lanes: the spare lanes share each long window's passes (split along numpy's pairwise
//! tree), with the same bits as one thread and values that match a naive reference.

use crate::common::*;
use memwin::{run, Access, Control, Execution, Job, Named, NanPolicy, Stat, Strategy, WindowRule, Windows};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One bit per rayon thread index that has read a [`Rendezvous`].
static READERS: AtomicUsize = AtomicUsize::new(0);
thread_local! {
    static WAITED: Cell<bool> = const { Cell::new(false) };
}

/// An f64 that notes which rayon threads read it. The first thread to read one waits (up to 5 s) for a
/// second thread to read another, so the test proves two threads read the window at the same time, and
/// does not depend on how fast an idle thread steals work on a loaded machine.
#[derive(Clone, Copy)]
#[repr(transparent)]
struct Rendezvous(f64);
// SAFETY: a transparent wrapper of f64, which is Pod.
unsafe impl bytemuck::Zeroable for Rendezvous {}
unsafe impl bytemuck::Pod for Rendezvous {}

impl memwin::Element for Rendezvous {
    const DTYPE: memwin::Dtype = memwin::Dtype::F64;
    const MAY_BE_NAN: bool = false;
    fn to_f64(self) -> f64 {
        if let Some(t) = rayon::current_thread_index() {
            let before = READERS.fetch_or(1 << t, Ordering::Relaxed);
            if before & !(1 << t) == 0 && !WAITED.replace(true) {
                let deadline = Instant::now() + Duration::from_secs(5);
                while READERS.load(Ordering::Relaxed).count_ones() < 2 && Instant::now() < deadline {
                    std::thread::yield_now();
                }
            }
        }
        self.0
    }
}

#[test]
fn one_window_over_the_whole_input_is_read_by_two_lanes_at_once() {
    let plain = data(1 << 20, 5, 0);
    let x: Vec<Rendezvous> = plain.iter().copied().map(Rendezvous).collect();
    let windows = Windows::new(x.len(), x.len(), x.len(), WindowRule::AllFull).unwrap();
    let job = Job { strategy: Strategy::PerWindow, ..Job::new(windows) };
    let mut out = [f64::NAN];
    pool(2).install(|| run(&x, &mut out, &job, Execution::Parallel { threads: 2 }, &Control::new())).unwrap();
    assert_eq!(READERS.load(Ordering::Relaxed), 0b11, "both pool threads read the one window");
    assert!(close(out[0], naive(&plain, Stat::Mean, NanPolicy::Propagate), 1.0, 1e-12));
}

/// Every statistic × NaN policy × strategy × access, on 1…8 lanes: bit-identical with the sequential run,
/// and within 1e-12 of the naive reference.
fn check(x: &[f64], size: usize, step: usize) {
    let windows = Windows::new(x.len(), size, step, WindowRule::AllFull).unwrap();
    assert!(windows.count() < 8, "a case with fewer windows than lanes");
    for &stat in <Stat as Named>::ALL {
        for nan in [NanPolicy::Propagate, NanPolicy::Skip] {
            let expected: Vec<f64> = (0..windows.count()).map(|i| naive(&x[windows.range(i)], stat, nan)).collect();
            for strategy in [Strategy::PerWindow, Strategy::Blocked] {
                for access in [Access::Shared, Access::Copy] {
                    let job = Job { stat, nan, strategy, access, ..Job::new(windows) };
                    let mut sequential = vec![f64::NAN; windows.count()];
                    run(x, &mut sequential, &job, Execution::Sequential, &Control::new()).unwrap();
                    for (i, (&got, &want)) in sequential.iter().zip(&expected).enumerate() {
                        let s = scale(&x[windows.range(i)], stat);
                        assert!(close(got, want, s, 1e-12), "{stat} {nan} {strategy:?} window {i}: {got} vs {want}");
                    }
                    for threads in [2, 3, 4, 8] {
                        let mut out = vec![f64::NAN; windows.count()];
                        let exec = Execution::Parallel { threads };
                        pool(threads).install(|| run(x, &mut out, &job, exec, &Control::new())).unwrap();
                        let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
                        assert_eq!(
                            bits(&out),
                            bits(&sequential),
                            "{stat} {nan} {strategy:?} {access:?} {threads} threads"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn one_long_window() {
    check(&data(300_007, 1, 0), 300_007, 300_007);
}

#[test]
fn one_long_window_with_nans() {
    check(&data(300_007, 2, 1_000), 300_007, 300_007);
}

#[test]
fn two_windows_side_by_side() {
    check(&data(300_000, 3, 0), 150_000, 150_000);
}

#[test]
fn a_few_overlapping_windows_share_long_blocks() {
    // Blocks of 100,000 (gcd), three of them for two windows: up to 8 lanes split each block.
    check(&data(300_000, 4, 997), 200_000, 100_000);
}
