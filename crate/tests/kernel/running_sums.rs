//! The sliding strategy's running sums (crate/src/strategy/sliding/lockstep.rs, sums.rs, moments.rs): what makes them leave the fast path (an
//! infinity, a sum that overflows, NaNs entering and leaving a batch) gives the naive reference's values, and
//! the blocks after it are exact again.

use crate::common::*;
use memwin::{NanPolicy, Stat, WindowRule, Windows};

#[test]
fn infinities_fall_back_to_the_scans_and_later_blocks_are_exact_again() {
    let mut x = offset_signal(12_000, 1);
    x[3_123] = f64::INFINITY;
    x[3_400] = f64::NEG_INFINITY; // windows holding both are NaN, as in numpy
    x[7_777] = f64::INFINITY;
    for (size, step) in [(500, 1), (500, 3), (64, 1)] {
        check_sliding(&x, size, step, &[Stat::Sum, Stat::Mean, Stat::Var, Stat::Std], &[2, 3]);
    }
}

#[test]
fn a_sum_that_overflows_falls_back_and_recovers() {
    // Two 1e308 side by side: every window holding both sums to inf (numpy: inf), the others are finite.
    let mut x = offset_signal(6_000, 2);
    x[2_500] = 1e308;
    x[2_501] = 1e308;
    x[4_000] = -1e308;
    for (size, step) in [(300, 1), (300, 7)] {
        check_sliding(&x, size, step, &[Stat::Sum, Stat::Mean], &[2, 3]);
    }
}

#[test]
fn nans_entering_and_leaving_batches_match_the_reference() {
    let mut x = offset_signal(20_000, 3);
    for i in (1_000..6_000).step_by(97) {
        x[i] = f64::NAN; // scattered: most batches see one enter and leave
    }
    x[9_000..9_700].fill(f64::NAN); // a run longer than a window of 400 and than its chains' segments
    x[15_000] = f64::NAN;
    // w = 4,000: segments of 1,000 windows, so each chain's NaNs enter and leave across two batches of 512.
    for (size, step) in [(400, 1), (400, 9), (1_000, 1), (4_000, 1)] {
        check_sliding(&x, size, step, &[Stat::Sum, Stat::Mean, Stat::Var, Stat::Std], &[2, 3]);
    }
}

#[test]
fn a_drifting_signal_takes_the_double_double_finish_and_keeps_its_digits() {
    // A steep ramp on an offset: later windows of a block sit far from the block's shift (the anchor's
    // mean), so (Σd)²/n is most of Σd² and var must come from the double-double finish.
    let x: Vec<f64> = (0..8_000).map(|i| 1e6 + i as f64 * 10.0 + (i % 7) as f64).collect();
    let windows = Windows::new(x.len(), 1_000, 1, WindowRule::AllFull).unwrap();
    let var = sliding_values(&x, windows, Stat::Var, NanPolicy::Propagate, 2);
    for i in (0..windows.count()).step_by(37) {
        let want = exact_var(&x[windows.range(i)]);
        let err = (var[i] - want).abs() / want;
        assert!(err <= 8.0 * f64::EPSILON / 2.0, "window {i}: var {} vs exact {want}: {err:e}", var[i]);
    }
}
