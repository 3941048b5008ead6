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

/// A field of an object JavaScript got (prepare's answer).
pub fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).expect("an object")
}

/// `field` as a whole number.
pub fn count_field(object: &JsValue, name: &str) -> usize {
    field(object, name).as_f64().unwrap_or_else(|| panic!("{name} is a number")) as usize
}

/// `field` as a string.
pub fn text_field(object: &JsValue, name: &str) -> String {
    field(object, name).as_string().unwrap_or_else(|| panic!("{name} is a string"))
}

/// Bit-identical slices (NaN included).
pub fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Each window's mean, within `rel` of the reference (relative to its magnitude).
pub fn assert_within(got: &[f64], want: &[f64], rel: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: window count");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= rel * w.abs().max(f64::MIN_POSITIVE), "{what}: window {i}: got {g}, want {w}");
    }
}

/// Each window's mean from a Neumaier-compensated sum: within one rounding of the exact mean for these
/// sizes, and independent of the kernel's sums (pairwise, double-double).
pub fn compensated_means(x: &[f64], size: usize, step: usize, count: usize) -> Vec<f64> {
    (0..count)
        .map(|i| {
            let (mut sum, mut carry) = (0.0f64, 0.0f64);
            for &v in &x[i * step..i * step + size] {
                let t = sum + v;
                carry += if sum.abs() >= v.abs() { (sum - t) + v } else { (v - t) + sum };
                sum = t;
            }
            (sum + carry) / size as f64
        })
        .collect()
}
