//! Every statistic × NaN policy × strategy × access × thread count (and every dtype) against a naive
//! reference.

use crate::common::*;
use memwin::{
    run, with_element_type, Access, Control, Dtype, Element, Execution, Job, Named, NanPolicy, Stat, Strategy,
    WindowRule, Windows,
};

const STRATEGIES: [Strategy; 4] = [Strategy::PerWindow, Strategy::Blocked, Strategy::Sliding, Strategy::Auto];

fn check(x: &[f64], size: usize, step: usize, rule: WindowRule) {
    let windows = Windows::new(x.len(), size, step, rule).unwrap();
    for &stat in <Stat as Named>::ALL {
        for nan in [NanPolicy::Propagate, NanPolicy::Skip] {
            let expected: Vec<f64> = (0..windows.count()).map(|i| naive(&x[windows.range(i)], stat, nan)).collect();
            for strategy in STRATEGIES {
                for access in [Access::Shared, Access::Copy] {
                    for threads in THREADS {
                        let job = Job { stat, nan, strategy, access, ..Job::new(windows) };
                        let mut out = vec![f64::NAN; windows.count()];
                        let ctl = Control::new();
                        let exec = Execution::with_threads(threads).unwrap();
                        pool(threads).install(|| run(x, &mut out, &job, exec, &ctl)).unwrap();
                        assert_eq!(ctl.done(), windows.count(), "progress counts every window");
                        for (i, (&got, &want)) in out.iter().zip(&expected).enumerate() {
                            let s = scale(&x[windows.range(i)], stat);
                            assert!(
                                close(got, want, s, 1e-12),
                                "{stat} {nan} {strategy:?} {access:?} {threads} threads, window {i}: got {got}, want {want}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn overlapping_windows_without_nan() {
    check(&data(10_000, 1, 0), 1_000, 250, WindowRule::AllFull);
}

#[test]
fn overlapping_windows_with_nan_everywhere() {
    check(&data(5_000, 2, 37), 600, 150, WindowRule::AllFull);
}

#[test]
fn windows_of_only_nan_give_nan_or_zero_for_sum() {
    let mut x = data(400, 3, 0);
    x[100..200].fill(f64::NAN);
    check(&x, 100, 50, WindowRule::AllFull);
}

#[test]
fn coprime_size_and_step_give_single_element_blocks() {
    check(&data(3_000, 4, 11), 97, 13, WindowRule::AllFull);
}

#[test]
fn steps_larger_than_the_window_leave_gaps() {
    check(&data(5_000, 5, 0), 100, 370, WindowRule::AllFull);
}

#[test]
fn seed_compatible_rule() {
    check(&data(10_000, 6, 0), 500, 100, WindowRule::SeedCompatible);
}

#[test]
fn hand_checked_windows() {
    // x = 0..10, windows of 4 every 3: [0,1,2,3], [3,4,5,6], [6,7,8,9].
    let x: Vec<f64> = (0..10).map(f64::from).collect();
    let windows = Windows::new(10, 4, 3, WindowRule::AllFull).unwrap();
    let expect = [
        (Stat::Mean, [1.5, 4.5, 7.5]),
        (Stat::Sum, [6.0, 18.0, 30.0]),
        (Stat::Min, [0.0, 3.0, 6.0]),
        (Stat::Max, [3.0, 6.0, 9.0]),
        (Stat::Var, [1.25, 1.25, 1.25]),
    ];
    for (stat, want) in expect {
        for strategy in [Strategy::PerWindow, Strategy::Blocked, Strategy::Sliding] {
            let job = Job { stat, strategy, ..Job::new(windows) };
            let mut out = vec![0.0; 3];
            run(&x, &mut out, &job, Execution::Sequential, &Control::new()).unwrap();
            assert_eq!(out, want, "{stat} {strategy:?}");
        }
    }
}

/// The same windows over every dtype (the reference sees the values widened to f64, as the kernel does).
fn check_dtypes(raw: &[f64], size: usize, step: usize) {
    for dtype in Dtype::ALL {
        with_element_type!(dtype, T => {
            let (x, xf) = typed::<T>(raw);
            check_typed(&x, &xf, size, step, dtype);
        });
    }
}

fn check_typed<T: Element>(x: &[T], xf: &[f64], size: usize, step: usize, dtype: Dtype) {
    let windows = Windows::new(x.len(), size, step, WindowRule::AllFull).unwrap();
    for &stat in <Stat as Named>::ALL {
        for nan in [NanPolicy::Propagate, NanPolicy::Skip] {
            let expected: Vec<f64> = (0..windows.count()).map(|i| naive(&xf[windows.range(i)], stat, nan)).collect();
            for strategy in STRATEGIES {
                for threads in THREADS {
                    let job = Job { stat, nan, strategy, ..Job::new(windows) };
                    let mut out = vec![f64::NAN; windows.count()];
                    let exec = Execution::with_threads(threads).unwrap();
                    pool(threads).install(|| run(x, &mut out, &job, exec, &Control::new())).unwrap();
                    for (i, (&got, &want)) in out.iter().zip(&expected).enumerate() {
                        let s = scale(&xf[windows.range(i)], stat);
                        assert!(
                            close(got, want, s, 1e-12),
                            "{dtype:?} {stat} {nan} {strategy:?} {threads} threads, window {i}: got {got}, want {want}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_dtype_with_step_one() {
    check_dtypes(&data(1_500, 7, 13), 40, 1);
}

#[test]
fn every_dtype_with_windows_longer_than_a_sliding_sub_chunk() {
    // 1,100 > the sliding strategy's 1,024-offset sub-chunks: its tails and sub-chunk seams are crossed.
    check_dtypes(&data(4_000, 8, 101), 1_100, 7);
}

#[test]
fn rolling_windows_longer_than_a_sliding_sub_chunk_with_nan_runs() {
    let mut x = data(3_500, 9, 0);
    x[1_200..2_300].fill(f64::NAN); // longer than a window: some windows are all NaN
    x[2_500..2_505].fill(f64::NAN);
    check(&x, 1_030, 1, WindowRule::AllFull);
}
