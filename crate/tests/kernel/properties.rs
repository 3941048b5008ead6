//! Properties over random lengths, windows, steps and dtypes.

use crate::common::*;
use memwin::{
    run, with_element_type, Control, Dtype, Element, Execution, Job, Named, NanPolicy, Stat, Strategy, WindowRule,
    Windows,
};
use proptest::prelude::*;

fn compute<T: Element>(x: &[T], job: &Job, threads: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; job.windows.count()];
    let exec = Execution::with_threads(threads).unwrap();
    pool(threads).install(|| run(x, &mut out, job, exec, &Control::new())).unwrap();
    out
}

fn check_typed<T: Element>(
    x: &[T],
    xf: &[f64],
    windows: Windows,
    stat: Stat,
    nan: NanPolicy,
) -> Result<(), TestCaseError> {
    let per = Job { stat, nan, strategy: Strategy::PerWindow, ..Job::new(windows) };
    let blk = Job { strategy: Strategy::Blocked, ..per };
    let sld = Job { strategy: Strategy::Sliding, ..per };
    let seq_per = compute(x, &per, 1);
    let seq_blk = compute(x, &blk, 1);
    let seq_sld = compute(x, &sld, 1);
    let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
    for threads in [2, 3, 8] {
        // Parallel == sequential, bit for bit (NaN payloads included).
        prop_assert_eq!(bits(&compute(x, &per, threads)), bits(&seq_per));
        prop_assert_eq!(bits(&compute(x, &blk, threads)), bits(&seq_blk));
        prop_assert_eq!(bits(&compute(x, &sld, threads)), bits(&seq_sld));
    }
    for i in 0..windows.count() {
        let s = scale(&xf[windows.range(i)], stat);
        let want = naive(&xf[windows.range(i)], stat, nan);
        prop_assert!(close(seq_per[i], want, s, 1e-12), "window {}: per-window {} vs naive {}", i, seq_per[i], want);
        prop_assert!(close(seq_blk[i], want, s, 1e-12), "window {}: blocked {} vs naive {}", i, seq_blk[i], want);
        prop_assert!(close(seq_sld[i], want, s, 1e-12), "window {}: sliding {} vs naive {}", i, seq_sld[i], want);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn window_count_follows_numpys_rules(n in 1usize..5_000, w in 1usize..5_000, s in 1usize..5_000) {
        // sliding_window_view(x, w)[::s] and range(0, n - w, s), counted by walking them.
        let all_full = (0..n.saturating_sub(w) + 1).step_by(s).count();
        let seed = (0..n.saturating_sub(w)).step_by(s).count();
        match Windows::new(n, w, s, WindowRule::AllFull) {
            Ok(win) => { prop_assert!(w <= n); prop_assert_eq!(win.count(), all_full); }
            Err(_) => prop_assert!(w > n),
        }
        match Windows::new(n, w, s, WindowRule::SeedCompatible) {
            Ok(win) => prop_assert_eq!(win.count(), seed),
            Err(_) => prop_assert!(w > n || seed == 0),
        }
        if w <= n {
            let win = Windows::new(n, w, s, WindowRule::AllFull).unwrap();
            prop_assert!(win.range(win.count() - 1).end <= n);
        }
    }

    #[test]
    fn every_strategy_matches_the_reference_and_parallel_matches_sequential(
        n in 1usize..5_000,
        w_frac in 0.0f64..1.0,
        s in prop_oneof![1usize..4, 1usize..400, 1usize..5_000],
        dtype_ix in 0usize..7,
        stat_ix in 0usize..6,
        skip in any::<bool>(),
        nan_every in prop_oneof![Just(0usize), 2usize..50],
        seed in any::<u64>(),
    ) {
        let w = ((n as f64 * w_frac) as usize).max(1);
        let windows = Windows::new(n, w, s, WindowRule::AllFull).unwrap();
        let stat = <Stat as Named>::ALL[stat_ix];
        let nan = if skip { NanPolicy::Skip } else { NanPolicy::Propagate };
        let raw = data(n, seed, nan_every);
        let dtype = Dtype::ALL[dtype_ix];
        with_element_type!(dtype, T => {
            let (x, xf) = typed::<T>(&raw);
            check_typed(&x, &xf, windows, stat, nan)?;
        });
    }
}
