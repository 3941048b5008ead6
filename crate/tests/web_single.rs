//! The single-thread fallback build in Chromium: no atomics, no shared memory, no pool.
//!
//! Run by scripts/test-web.sh, with the threaded build's flags switched off:
//! `cd crate && CARGO_ENCODED_RUSTFLAGS= wasm-pack test --headless --chrome` on the pinned nightly.
#![cfg(all(target_arch = "wasm32", not(feature = "parallel")))]

mod web_common;

use memwin::web::{build_kind, pool_threads, Workspace};
use wasm_bindgen_test::*;
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_single_build_computes_in_batches_exactly_as_in_one_run() {
    assert_eq!(build_kind(), "single");
    assert_eq!(pool_threads(), 0);
    const { assert!(cfg!(not(target_feature = "atomics")), "the fallback is built without atomics") };
    let mut ws = Workspace::new();
    let len = 300_000;
    ws.alloc_input("f64", len as f64).unwrap();
    ws.fill_random(3.0, 1).unwrap();
    let x = seeded(3, len);
    let want = naive_means(&x, 20_000, 5_000, 57);
    // `auto` too: it is resolved once, at prepare, so a batch of one window runs the strategy the whole
    // run does (issue 7, finding 3: it used to run per-window there, and blocked in larger batches).
    for strategy in ["per-window", "blocked", "sliding", "auto"] {
        let opts = options(&format!(r#"{{"size": 20000, "step": 5000, "strategy": "{strategy}"}}"#));
        let info = ws.prepare(opts.clone()).unwrap();
        let resolved = text_field(&info, "strategy");
        assert_ne!(resolved, "auto", "prepare names the strategy auto resolved to");
        assert_eq!(text_field(&info, "requested"), strategy);
        assert_eq!(ws.run().unwrap(), "done");
        let whole = ws.output_values();
        assert_close(&whole, &want);
        ws.prepare(opts).unwrap();
        // Sliding's block grid (20,000 elements) lines up with the whole run's every 4 windows of 5,000.
        let quantum = count_field(&info, "batchWindows");
        assert_eq!(quantum, if resolved == "sliding" { 4 } else { 1 }, "{strategy}");
        let mut first = 0;
        // Ten batches of one window first: re-resolved per batch, auto ran those per-window (and 2+ blocked).
        for count in [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 5, 13, 36].map(|c| c * quantum) {
            if first == 57 {
                break;
            }
            let count = count.min(57 - first);
            assert_eq!(ws.run_windows(first, count).unwrap(), "done");
            first += count;
        }
        assert_eq!(ws.done(), 57);
        assert!(same_bits(&ws.output_values(), &whole), "{strategy} ({resolved}): batches = one run");
    }
}

#[wasm_bindgen_test]
fn a_rolling_mean_runs_sliding_in_batches_with_the_bits_of_one_run() {
    let mut ws = Workspace::new();
    let len = 50_000;
    ws.alloc_input("f64", len as f64).unwrap();
    ws.fill_random(8.0, 1).unwrap();
    let x = seeded(8, len);
    let (size, step) = (700, 3);
    let k = (len - size) / step + 1;
    let opts = options(&format!(r#"{{"size": {size}, "step": {step}, "strategy": "sliding"}}"#));
    ws.prepare(opts.clone()).unwrap();
    assert_eq!(ws.run().unwrap(), "done");
    let whole = ws.output_values();
    assert_within(&whole, &compensated_means(&x, size, step, k), 3.0 * f64::EPSILON, "sliding vs compensated");
    let info = ws.prepare(opts).unwrap();
    let quantum = count_field(&info, "batchWindows");
    assert_eq!(quantum, 700, "700 / gcd(700, 3)");
    // A batch off the grid is refused (it would give other bits), and changes nothing.
    let off = message(ws.run_windows(1, quantum).unwrap_err());
    assert!(off.contains("multiple of 700 windows, got 1"), "{off}");
    assert_eq!(ws.done(), 0);
    let mut first = 0;
    while first < k {
        let count = (3 * quantum).min(k - first);
        assert_eq!(ws.run_windows(first, count).unwrap(), "done");
        first += count;
    }
    assert!(same_bits(&ws.output_values(), &whole), "batches = one run");
}

#[wasm_bindgen_test]
fn every_dtype_runs_and_what_the_single_build_cannot_do_is_an_error() {
    let mut ws = Workspace::new();
    for dtype in ["f64", "f32", "i64", "i32", "i16", "u16", "u8"] {
        ws.alloc_input(dtype, 1000.0).unwrap();
        ws.fill_random(5.0, 1).unwrap();
        ws.prepare(options(r#"{"size": 100, "step": 50, "stat": "std", "nan": "skip"}"#)).unwrap();
        assert_eq!(ws.run().unwrap(), "done", "{dtype}");
        assert!(ws.output_values().iter().all(|v| v.is_finite() && *v > 0.0), "{dtype}");
    }
    let err = |ws: &mut Workspace, o: &str| message(ws.prepare(options(o)).unwrap_err());
    assert!(err(&mut ws, r#"{"size": 10, "step": 1, "threads": 2}"#).contains("single-thread build"));
    // Sleeping needs atomics: a simulated cost runs batch by batch, the driver sleeping in JavaScript.
    ws.prepare(options(r#"{"size": 10, "step": 10, "costMs": 1}"#)).unwrap();
    assert!(message(ws.run().unwrap_err()).contains("runWindows"));
    assert_eq!(ws.run_windows(0, 100).unwrap(), "done");
    assert!(message(ws.run_windows(99, 2).unwrap_err()).contains("not within the 100 windows"));
}
