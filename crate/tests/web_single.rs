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
    for strategy in ["per-window", "blocked"] {
        let opts = options(&format!(r#"{{"size": 20000, "step": 5000, "strategy": "{strategy}"}}"#));
        ws.prepare(opts.clone()).unwrap();
        assert_eq!(ws.run().unwrap(), "done");
        let whole = ws.output_values();
        assert_close(&whole, &want);
        ws.prepare(opts).unwrap();
        let mut first = 0;
        for count in [1, 2, 5, 13, 36] {
            assert_eq!(ws.run_windows(first, count).unwrap(), "done");
            first += count;
        }
        assert_eq!(ws.done(), 57);
        let batched = ws.output_values();
        assert!(batched.iter().zip(&whole).all(|(a, b)| a.to_bits() == b.to_bits()), "{strategy}: batches = one run");
    }
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
