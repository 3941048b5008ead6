//! `--json` keeps NaN, +inf and −inf apart, as the plain output does: they are the strings "NaN",
//! "Infinity" and "-Infinity" in `"values"` (valid JSON; Python's `float()` and JavaScript's `Number()`
//! read them back), and finite values are numbers. Checked with serde_json here and with Python's json +
//! numpy.

use crate::cli_common::{memwin, numpy_python, write_raw_npy};
use serde_json::Value;
use std::process::Command;

/// x = [1, NaN, 2, inf, 3, −inf, 4, 5, inf, −inf]; means of windows of 2, every 2, worked by hand:
/// NaN (a NaN propagates), inf, −inf, 4.5, NaN (inf + −inf).
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let x = [1.0, f64::NAN, 2.0, f64::INFINITY, 3.0, f64::NEG_INFINITY, 4.0, 5.0, f64::INFINITY, f64::NEG_INFINITY];
    let bytes: Vec<u8> = x.iter().flat_map(|v: &f64| v.to_le_bytes()).collect();
    write_raw_npy(&dir.path().join("x.npy"), 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }", &bytes);
    dir
}

const ARGS: [&str; 6] = ["compute", "x.npy", "--size", "2", "--step", "2"];

#[test]
fn nan_and_infinities_are_distinct_strings_in_json() {
    let dir = fixture();
    let out = memwin().args(ARGS).arg("--json").current_dir(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is valid JSON");
    let values = v["values"].as_array().unwrap();
    assert_eq!(values.len(), 5);
    assert_eq!(values[0], "NaN");
    assert_eq!(values[1], "Infinity");
    assert_eq!(values[2], "-Infinity");
    assert_eq!(values[3].as_f64(), Some(4.5));
    assert_eq!(values[4], "NaN");
    // The plain output says the same, in Rust's spelling.
    let plain = memwin().args(ARGS).current_dir(dir.path()).output().unwrap();
    assert_eq!(String::from_utf8(plain.stdout).unwrap(), "NaN\ninf\n-inf\n4.5\nNaN\n");
}

#[test]
fn python_reads_the_values_back_as_floats() {
    let Some(python) = numpy_python("the JSON non-finite test") else { return };
    let dir = fixture();
    let out = memwin().args(ARGS).arg("--json").current_dir(dir.path()).output().unwrap();
    assert!(out.status.success());
    // numpy computes the expected means itself, and Python's float() turns the strings back.
    let script = r#"
import json, sys
import numpy as np
report = json.loads(sys.stdin.read())
got = np.array([float(v) for v in report["values"]], dtype=np.float64)
x = np.load("x.npy")
with np.errstate(invalid="ignore"):
    want = x.reshape(5, 2).mean(axis=1)
assert got.shape == want.shape, (got, want)
assert np.array_equal(got, want, equal_nan=True), (got, want)
assert np.isposinf(got[1]) and np.isneginf(got[2]) and np.isnan(got[0]) and np.isnan(got[4])
print("ok")
"#;
    let mut child = Command::new(&python)
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    let done = child.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(String::from_utf8_lossy(&done.stdout).trim(), "ok");
}
