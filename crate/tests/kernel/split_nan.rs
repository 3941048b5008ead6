//! A NaN that only one piece of a split window holds. With fewer windows (or blocks) than lanes, the spare
//! lanes split each window's passes; the pieces' NaN flags must survive the merge, or `--threads 2` gives the
//! other elements' max where `--threads 1` gives NaN. The other tests put a NaN in every piece, which hides it.

use crate::common::*;
use memwin::{run, Control, Execution, Job, Named, NanPolicy, Stat, Strategy, WindowRule, Windows};

/// Long enough that 8 lanes split one window into 8 pieces (a piece needs at least 2¹⁶ elements), and odd,
/// so the last piece ends in a tail that is not a whole chunk of 8.
const N: usize = (1 << 19) + 7;
/// Lane counts that split a window in 2, 3, 5 and 8 pieces (and 1: the sequential run).
const THREADS: [usize; 5] = [1, 2, 3, 5, 8];

/// Every statistic × NaN policy × strategy on 1 to 8 lanes: each run is checked against the naive reference
/// (NaN under propagate, the other elements' value under skip), so a lost NaN fails on any thread count.
fn check(x: &[f64], size: usize, step: usize, what: &str) {
    let windows = Windows::new(x.len(), size, step, WindowRule::AllFull).unwrap();
    assert!(windows.count() < 8, "a case with fewer windows than lanes");
    let pools: Vec<_> = (1..=8).map(pool).collect();
    for &stat in <Stat as Named>::ALL {
        for nan in [NanPolicy::Propagate, NanPolicy::Skip] {
            let expected: Vec<f64> = (0..windows.count()).map(|i| naive(&x[windows.range(i)], stat, nan)).collect();
            for &strategy in <Strategy as Named>::ALL {
                let job = Job { stat, nan, strategy, ..Job::new(windows) };
                for threads in THREADS {
                    let mut out = vec![0.0; windows.count()];
                    let exec = Execution::with_threads(threads).unwrap();
                    pools[threads - 1].install(|| run(x, &mut out, &job, exec, &Control::new())).unwrap();
                    for (i, (&got, &want)) in out.iter().zip(&expected).enumerate() {
                        let s = scale(&x[windows.range(i)], stat);
                        assert!(
                            close(got, want, s, 1e-12),
                            "{what}: {stat} {nan} {strategy:?} {threads} threads, window {i}: got {got}, want {want}"
                        );
                    }
                }
            }
        }
    }
}

fn with_nans_at(positions: &[usize]) -> Vec<f64> {
    let mut x = data(N, 21, 0);
    for &p in positions {
        x[p] = f64::NAN;
    }
    x
}

#[test]
fn one_nan_in_one_piece_of_one_long_window() {
    // The first element (in a whole chunk of 8), just past the middle split (the right half's first chunk),
    // and the very last element (in the last piece's tail).
    for at in [0, N / 2 + 9, N - 1] {
        check(&with_nans_at(&[at]), N, N, &format!("one NaN at {at}"));
    }
}

#[test]
fn one_nan_in_each_half_of_one_long_window() {
    // Both halves hold a NaN: merging the two flags must still say NaN (an exclusive or would not).
    check(&with_nans_at(&[N / 4, 3 * N / 4]), N, N, "NaNs at N/4 and 3N/4");
}

#[test]
fn one_nan_in_one_half_of_one_long_block() {
    // Windows of two blocks of 2¹⁸, stepping one block: 2 windows over 3 blocks, so on 8 lanes each block
    // is split in two. The NaN sits in the second half of the middle block, which both windows share.
    let b = 1 << 18;
    let mut x = data(3 * b, 22, 0);
    x[b + 3 * b / 4] = f64::NAN;
    check(&x, 2 * b, b, "one NaN in the middle block");
}
