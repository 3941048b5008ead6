//! A window of one repeated value has var and std exactly 0, as numpy gives (its var subtracts the window's own
//! mean), even beside values a billion times larger; so does every window of one element.
//! The stress test found a draft of the sliding strategy giving ~ε·c² there instead (203.4 for a lone 7.25
//! beside 1e9, c being a data value at a block boundary); every strategy is held to exactly 0 here.

use memwin::{run, Control, Execution, Job, Named, NanPolicy, Stat, Strategy, WindowRule, Windows};

const FLAT: f64 = 7.25;

/// Flat runs of 7.25 between spikes of ±1e9 and ±3e9, and one NaN in a flat run.
fn flat_between_spikes() -> Vec<f64> {
    let mut x = Vec::new();
    for spike in [1e9, -3e9, 2e9, -1e9] {
        x.push(spike);
        x.extend(std::iter::repeat_n(FLAT, 40));
    }
    x[100] = f64::NAN;
    x
}

/// Every window of size 1 to 5 (step 1) that holds only 7.25, or only one element: var and std must be 0.
fn check(strategy: Strategy) {
    let x = flat_between_spikes();
    for w in 1..=5 {
        let windows = Windows::new(x.len(), w, 1, WindowRule::AllFull).unwrap();
        for stat in [Stat::Var, Stat::Std] {
            for nan in [NanPolicy::Propagate, NanPolicy::Skip] {
                let job = Job { stat, nan, strategy, ..Job::new(windows) };
                let mut out = vec![f64::NAN; windows.count()];
                run(&x, &mut out, &job, Execution::Sequential, &Control::new()).unwrap();
                for (i, &got) in out.iter().enumerate() {
                    let window = &x[windows.range(i)];
                    if w == 1 && !window[0].is_nan() || window.iter().all(|&v| v == FLAT) {
                        assert_eq!(got, 0.0, "{strategy:?} {stat} {nan} w {w}, window {i} {window:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn flat_windows_have_zero_variance_exactly() {
    for &strategy in <Strategy as Named>::ALL {
        check(strategy);
    }
}
