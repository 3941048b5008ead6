//! Helpers shared by the browser tests (web_threads.rs, web_single.rs): a naive reference, the options
//! object, error messages.
#![allow(dead_code)]

use wasm_bindgen::{JsError, JsValue};

/// The mean of each window, the plain way: a left-to-right sum. Independent of the kernel's pairwise sums.
pub fn naive_means(x: &[f64], size: usize, step: usize, count: usize) -> Vec<f64> {
    (0..count).map(|i| x[i * step..i * step + size].iter().sum::<f64>() / size as f64).collect()
}

/// Equal to a left-to-right reference within the rounding of a sum of `size` terms.
pub fn assert_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "window count");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "window {i}: got {g}, want {w}");
    }
}

/// A job-options object, as the page builds it.
pub fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

/// The message of an error returned to JavaScript.
pub fn message(e: JsError) -> String {
    let v: JsValue = e.into();
    js_sys::Error::from(v).message().into()
}

/// The seeded input the workspace draws, drawn here too (the same generator, sequentially).
pub fn seeded(seed: u64, len: usize) -> Vec<f64> {
    let mut x = vec![0.0; len];
    memwin::random::fill_random(seed, &mut x, memwin::Execution::Sequential);
    x
}
