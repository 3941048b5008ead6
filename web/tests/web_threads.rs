//! The threaded browser build in Chromium: the kernel on real web-worker threads over shared memory.
//!
//! Run by scripts/test-web.sh: `cd web && wasm-pack test --headless --chrome --features parallel-no-bundler`
//! on the pinned nightly.
#![cfg(all(target_arch = "wasm32", feature = "parallel"))]

// One spy for the kernel's native thread tests and these.
#[path = "../../crate/tests/spy/mod.rs"]
mod spy;
mod web_common;

use memwin::{run, Access, Control, Execution, Job, Strategy, WindowRule, Windows};
use memwin_web::{pool_threads, start_thread_pool, Workspace};
use spy::{Spy, READERS};
use std::sync::atomic::Ordering;
use std::time::Duration;
use wasm_bindgen_test::*;
use web_common::*;

// In a dedicated worker, as the page's driver: a sequential run with a simulated cost sleeps (an atomic
// wait), which the browser's main thread forbids.
wasm_bindgen_test_configure!(run_in_dedicated_worker);

const THREADS: usize = 2;

/// Tests share one instance and a pool can start only once in it.
async fn pool() {
    if pool_threads() == 0 {
        start_thread_pool(THREADS).await.expect("the thread pool starts");
    }
    assert_eq!(pool_threads(), THREADS);
}

#[wasm_bindgen_test]
async fn workers_share_the_input_and_match_a_naive_reference_in_copy_and_shared_modes() {
    pool().await;
    let x = seeded(7, 200_000);
    let spied: Vec<Spy> = x.iter().copied().map(Spy).collect();
    let windows = Windows::new(x.len(), 10_000, 5_000, WindowRule::AllFull).unwrap();
    let want = naive_means(&x, 10_000, 5_000, windows.count());
    let mut first: Option<Vec<f64>> = None;
    for access in [Access::Shared, Access::Copy] {
        for strategy in [Strategy::PerWindow, Strategy::Blocked] {
            READERS.store(0, Ordering::Relaxed);
            // A small cost keeps both lanes busy long enough for each to claim windows.
            let job = Job { access, strategy, cost: Duration::from_millis(2), ..Job::new(windows) };
            let mut out = vec![f64::NAN; windows.count()];
            let ctl = Control::new();
            run(&spied, &mut out, &job, Execution::Parallel { threads: THREADS }, &ctl).unwrap();
            let readers = READERS.load(Ordering::Relaxed);
            // Per window, each 2 ms window reads its input on the lane that claimed it. (Blocked reads the
            // input in a quick first pass that one thread may finish alone; its windows only merge.)
            if strategy == Strategy::PerWindow {
                assert_eq!(readers.count_ones(), 2, "{access:?}: threads that read input: {readers:#b}");
            }
            assert_eq!(ctl.done(), windows.count());
            assert_close(&out, &want);
            // Same blocks, same merge order: bit-identical whatever the mode.
            if strategy == Strategy::PerWindow {
                match &first {
                    None => first = Some(out),
                    Some(f) => assert!(f.iter().zip(&out).all(|(a, b)| a.to_bits() == b.to_bits()), "{access:?}"),
                }
            }
        }
    }
}

#[wasm_bindgen_test]
async fn the_workspace_runs_the_seed_shape_on_the_pool_bit_identical_to_sequential() {
    pool().await;
    let mut ws = Workspace::new();
    let len = 1_000_000;
    ws.alloc_input("f64", len as f64).unwrap();
    ws.fill_random(42.0, THREADS).unwrap();
    let x = seeded(42, len);
    // The seed's shape at a tenth of the size: range(0, n - w, s) gives 95 windows.
    let mut outputs = Vec::new();
    for (threads, access) in [(1, "shared"), (2, "copy"), (2, "shared")] {
        let opts = format!(
            r#"{{"size": 50000, "step": 10000, "seedCompatible": true, "threads": {threads}, "access": "{access}", "costMs": 1}}"#
        );
        ws.prepare(options(&opts)).unwrap();
        assert!(ws.output_values().iter().all(|v| v.is_nan()), "a fresh output is NaN");
        assert_eq!(ws.run().unwrap(), "done");
        assert_eq!(ws.done(), 95);
        outputs.push(ws.output_values());
    }
    assert_close(&outputs[0], &naive_means(&x, 50_000, 10_000, 95));
    for o in &outputs[1..] {
        assert!(o.iter().zip(&outputs[0]).all(|(a, b)| a.to_bits() == b.to_bits()), "bit-identical to sequential");
    }
}

#[wasm_bindgen_test]
async fn the_cancel_flag_stops_a_run_and_bad_jobs_fail_before_the_pool() {
    pool().await;
    let mut ws = Workspace::new();
    ws.alloc_input("u8", 10_000.0).unwrap();
    ws.fill_random(1.0, THREADS).unwrap();
    ws.prepare(options(r#"{"size": 100, "step": 10, "threads": 2, "costMs": 5}"#)).unwrap();
    ws.cancel();
    assert_eq!(ws.run().unwrap(), "cancelled");
    assert_eq!(ws.done(), 0);

    let mut err = |o: &str| message(ws.prepare(options(o)).unwrap_err());
    assert!(err(r#"{"size": 20000, "step": 1}"#).contains("larger than the input length 10000"));
    assert!(err(r#"{"size": 10, "step": 1, "threads": 3}"#).contains("the thread pool has 2"));
    assert!(err(r#"{"size": 10, "step": 1, "stat": "median"}"#).contains("median"));
    assert!(err(r#"{"size": 10, "step": 1.5}"#).contains("window step must be a whole number"));
    assert!(err(r#"{"size": 10, "step": 1, "costMs": -1}"#).contains("simulated cost"));
    // The page's size checks: refused with a message, and the instance lives on.
    let too_big = message(ws.alloc_input("f64", 3e8).unwrap_err());
    assert!(too_big.contains("2 GiB"), "{too_big}");
    let too_much = message(
        ws.alloc_input("f64", 2.6e8).and_then(|_| ws.prepare(options(r#"{"size": 1, "step": 1}"#))).unwrap_err(),
    );
    assert!(too_much.contains("4 GiB"), "{too_much}");
    ws.alloc_input("i16", 1000.0).unwrap();
    ws.prepare(options(r#"{"size": 10, "step": 10, "threads": 2, "stat": "max"}"#)).unwrap();
    assert_eq!(ws.run().unwrap(), "done");
}

#[wasm_bindgen_test]
async fn the_sliding_strategy_on_two_threads_is_bit_identical_to_sequential_and_within_its_bound() {
    pool().await;
    let mut ws = Workspace::new();
    // A rolling mean, step 1: the case the sliding strategy is for.
    let len = 60_000;
    ws.alloc_input("f64", len as f64).unwrap();
    ws.fill_random(11.0, THREADS).unwrap();
    let x: Vec<f64> = seeded(11, len);
    let (size, step) = (1_000, 1);
    let k = len - size + 1;
    let exact = compensated_means(&x, size, step, k);
    let mut by = |strategy: &str, threads: usize| {
        let info = ws
            .prepare(options(&format!(
                r#"{{"size": {size}, "step": {step}, "strategy": "{strategy}", "threads": {threads}}}"#
            )))
            .unwrap();
        assert_eq!(text_field(&info, "strategy"), strategy);
        assert_eq!(ws.run().unwrap(), "done");
        assert_eq!(ws.done(), k);
        ws.output_values()
    };
    let sliding_1 = by("sliding", 1);
    let sliding_2 = by("sliding", THREADS);
    let per_window = by("per-window", 1);
    assert!(same_bits(&sliding_1, &sliding_2), "sliding: 2 threads give the bits of 1");
    // Its bound: the exact sum rounded once, then divided: within 2 ulp of the exact mean (3 allowed for
    // the reference's own rounding). Per-window (numpy's pairwise sums) is looser; both agree within it.
    assert_within(&sliding_1, &exact, 3.0 * f64::EPSILON, "sliding vs compensated");
    assert_within(&per_window, &exact, 1e-13, "per-window vs compensated");
    assert_within(&sliding_1, &per_window, 1e-13, "sliding vs per-window");
    // Auto picks sliding for a rolling statistic, and says so.
    let info = ws.prepare(options(&format!(r#"{{"size": {size}, "step": {step}, "threads": 2}}"#))).unwrap();
    assert_eq!((text_field(&info, "requested"), text_field(&info, "strategy")), ("auto".into(), "sliding".into()));
}
