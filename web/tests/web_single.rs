//! The single-thread fallback build in Chromium: no atomics, no shared memory, no pool.
//!
//! Run by scripts/test-web.sh, with the threaded build's flags switched off:
//! `cd web && CARGO_ENCODED_RUSTFLAGS= wasm-pack test --headless --chrome` on the pinned nightly.
#![cfg(all(target_arch = "wasm32", not(feature = "parallel")))]

mod web_common;

use memwin_web::{build_kind, pool_threads, Workspace};
use wasm_bindgen_test::*;
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Runs the prepared job as the kernel's chunks of `per` windows, in order.
fn run_in_chunks(ws: &mut Workspace, k: usize, per: usize) {
    for first in (0..k).step_by(per) {
        assert_eq!(ws.run_chunk(first, per).unwrap(), "done", "chunk at {first} of {per}");
    }
    assert_eq!(ws.done(), k, "progress adds up across chunks");
}

#[wasm_bindgen_test]
fn the_single_build_computes_in_chunks_exactly_as_in_one_run() {
    assert_eq!(build_kind(), "single");
    assert_eq!(pool_threads(), 0);
    const { assert!(cfg!(not(target_feature = "atomics")), "the fallback is built without atomics") };
    let mut ws = Workspace::new();
    let len = 300_000;
    ws.alloc_input("f64", len as f64).unwrap();
    ws.fill_random(3.0, 1).unwrap();
    let x = seeded(3, len);
    let want = naive_means(&x, 20_000, 5_000, 57);
    // `auto` too: it is resolved once, at prepare, so a chunk of one window runs the strategy the whole
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
        // Sliding's block grid (20,000 elements) lines up with the whole run's every 4 windows of 5,000.
        let align = count_field(&info, "chunkAlignment");
        assert_eq!(align, if resolved == "sliding" { 4 } else { 1 }, "{strategy}");
        // Chunks of one aligned step first (auto, re-resolved per chunk, ran those per-window, and larger
        // ones blocked), then sizes that leave a short last chunk, then one chunk of everything.
        for per in [1, 2, 5, 13, 36, 100].map(|c| c * align) {
            ws.prepare(opts.clone()).unwrap();
            run_in_chunks(&mut ws, 57, per);
            assert!(same_bits(&ws.output_values(), &whole), "{strategy} ({resolved}), chunks of {per}: = one run");
        }
    }
}

#[wasm_bindgen_test]
fn a_rolling_mean_runs_sliding_in_chunks_with_the_bits_of_one_run() {
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
    let align = count_field(&info, "chunkAlignment");
    assert_eq!(align, 700, "700 / gcd(700, 3)");
    // Chunks off the grid are refused (they would give other bits), and change nothing.
    let off = message(ws.run_chunk(0, 1).unwrap_err());
    assert!(off.contains("multiple of 700 windows, got 1"), "{off}");
    let off = message(ws.run_chunk(700, 1400).unwrap_err());
    assert!(off.contains("start at multiples of 1400"), "{off}");
    assert_eq!(ws.done(), 0);
    run_in_chunks(&mut ws, k, 3 * align);
    assert!(same_bits(&ws.output_values(), &whole), "chunks = one run");
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
    // Sleeping needs atomics: a simulated cost runs chunk by chunk, the driver sleeping in JavaScript. The
    // job keeps its cost, so auto picks as it does with one: per-window, one task per window.
    let info = ws.prepare(options(r#"{"size": 10, "step": 1, "costMs": 1.5}"#)).unwrap();
    assert_eq!((text_field(&info, "strategy"), field(&info, "costMs").as_f64()), ("per-window".into(), Some(1.5)));
    ws.prepare(options(r#"{"size": 10, "step": 10, "costMs": 1}"#)).unwrap();
    assert!(message(ws.run().unwrap_err()).contains("runChunk"));
    assert_eq!(ws.run_chunk(0, 100).unwrap(), "done");
    assert!(message(ws.run_chunk(100, 100).unwrap_err()).contains("below the 100 windows, got 100"));
}
