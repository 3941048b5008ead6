//! Properties over random lengths, windows, steps and dtypes.
// Native only (threads, files, processes); `wasm-pack test` compiles every test target for wasm32 too.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use memwin::{
    run, with_element_type, Control, Dtype, Element, Execution, Job, NanPolicy, Stat, Strategy, WindowRule, Windows,
};
use proptest::prelude::*;

/// Values of `dtype` drawn from `seed`, plus the same values widened to f64 for the reference.
fn typed<T: Element>(raw: &[f64], from_unit: impl Fn(f64) -> T) -> (Vec<T>, Vec<f64>) {
    let v: Vec<T> = raw.iter().map(|&r| from_unit(r)).collect();
    let f = v.iter().map(|t| t.to_f64()).collect();
    (v, f)
}

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
    let seq_per = compute(x, &per, 1);
    let seq_blk = compute(x, &blk, 1);
    for threads in [2, 3] {
        // Parallel == sequential, bit for bit (NaN payloads included).
        let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&compute(x, &per, threads)), bits(&seq_per));
        prop_assert_eq!(bits(&compute(x, &blk, threads)), bits(&seq_blk));
    }
    for i in 0..windows.count() {
        let s = scale(&xf[windows.range(i)], stat);
        prop_assert!(
            close(seq_blk[i], seq_per[i], s, 1e-12),
            "window {}: blocked {} per-window {}",
            i,
            seq_blk[i],
            seq_per[i]
        );
        let want = naive(&xf[windows.range(i)], stat, nan);
        prop_assert!(close(seq_per[i], want, s, 1e-12), "window {}: {} vs naive {}", i, seq_per[i], want);
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
    fn blocked_matches_per_window_and_parallel_matches_sequential(
        n in 1usize..3_000,
        w_frac in 0.0f64..1.0,
        s in 1usize..400,
        dtype_ix in 0usize..7,
        stat_ix in 0usize..6,
        skip in any::<bool>(),
        nan_every in prop_oneof![Just(0usize), 2usize..50],
        seed in any::<u64>(),
    ) {
        let w = ((n as f64 * w_frac) as usize).max(1);
        let windows = Windows::new(n, w, s, WindowRule::AllFull).unwrap();
        let stat = Stat::ALL[stat_ix];
        let nan = if skip { NanPolicy::Skip } else { NanPolicy::Propagate };
        let raw = data(n, seed, nan_every);
        let dtype = Dtype::ALL[dtype_ix];
        with_element_type!(dtype, T => {
            let (x, xf) = typed::<T>(&raw, <T as FromUnit>::from_unit);
            check_typed(&x, &xf, windows, stat, nan)?;
        });
    }
}

/// Maps a number in [-1, 1) (or NaN) to a value of the type: floats keep it (times 1e3), ints spread it
/// over their range.
trait FromUnit {
    fn from_unit(r: f64) -> Self;
}
impl FromUnit for f64 {
    fn from_unit(r: f64) -> f64 {
        r * 1e3
    }
}
impl FromUnit for f32 {
    fn from_unit(r: f64) -> f32 {
        (r * 1e3) as f32
    }
}
macro_rules! int_from_unit {
    ($($t:ty => $range:expr),*) => {$(
        impl FromUnit for $t {
            // NaN becomes 0 in an `as` cast: ints have no NaN.
            fn from_unit(r: f64) -> $t { (r * $range) as $t }
        }
    )*};
}
int_from_unit!(i64 => 9.0e15, i32 => 2.0e9, i16 => 32000.0, u16 => 65000.0, u8 => 255.0);
