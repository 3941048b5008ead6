//! Broken and unsupported .npy files, through the real `memwin` binary: each exits 2 with one stderr line
//! that names the problem and the offending value, prints nothing on stdout, panics nowhere, and leaves
//! the folder as it was (no output, no temp file).
//!
//! The broken headers are made byte by byte here; the valid files memwin does not take are written by
//! numpy (`$MEMWIN_PYTHON` or `.venv/bin/python`), skipped with the reason when there is none unless
//! `MEMWIN_REQUIRE_NUMPY` or `CI` is set.

use crate::cli_common::{fails_with_usage, header_dict as dict, listing, numpy_python};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Magic, version, HEADER_LEN (the true length unless `claimed` is given), the dict's bytes, a payload.
fn npy(version: [u8; 2], claimed: Option<u32>, dict: &[u8], payload_len: usize) -> Vec<u8> {
    let mut bytes = b"\x93NUMPY".to_vec();
    bytes.extend_from_slice(&version);
    let len = claimed.unwrap_or(dict.len() as u32);
    if version[0] == 1 {
        bytes.extend_from_slice(&(len as u16).to_le_bytes());
    } else {
        bytes.extend_from_slice(&len.to_le_bytes());
    }
    bytes.extend_from_slice(dict);
    bytes.resize(bytes.len() + payload_len, 0);
    bytes
}

fn v1(dict: &str) -> Vec<u8> {
    npy([1, 0], None, dict.as_bytes(), 80)
}

/// Writes `bytes` as `name` in a fresh folder, runs `memwin compute name --size 2 -o out.npy`, and checks
/// the contract and that the line names every one of `names`.
fn refused(name: &str, bytes: &[u8], names: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    refused_in(dir.path(), name, names);
}

fn refused_in(dir: &Path, name: &str, names: &[&str]) {
    let before = listing(dir);
    let line = fails_with_usage(&["compute", name, "--size", "2", "-o", "out.npy"], dir);
    for expected in names.iter().chain([&name]) {
        assert!(line.contains(expected), "{name}: {line:?} does not name {expected:?}");
    }
    assert_eq!(listing(dir), before, "{name}: files were left behind");
}

#[test]
fn broken_headers_are_refused_with_the_value_named() {
    let good = dict("'<f8'", "(10,)");
    let latin1_descr = {
        let mut d = b"{'descr': '".to_vec();
        d.push(0xe9); // 'é' in latin-1, as a version 1.0 header is read
        d.extend_from_slice(b"f8', 'fortran_order': False, 'shape': (10,), }");
        d
    };
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        ("magic.npy", b"\x93NUMPX\x01\x00\x10\x00{}".to_vec(), vec!["not a .npy file"]),
        ("empty.npy", vec![], vec!["not a .npy file"]),
        ("cut-in-magic.npy", b"\x93NUM".to_vec(), vec!["truncated", "4 bytes"]),
        ("cut-in-preamble.npy", b"\x93NUMPY\x02\x00\x40".to_vec(), vec!["truncated", "9 bytes"]),
        ("version-0.npy", npy([0, 0], None, good.as_bytes(), 80), vec!["version 0.0"]),
        ("version-4.npy", npy([4, 0], None, good.as_bytes(), 80), vec!["version 4.0"]),
        ("version-1.1.npy", npy([1, 1], None, good.as_bytes(), 80), vec!["version 1.1"]),
        ("header-len-0.npy", npy([1, 0], Some(0), good.as_bytes(), 80), vec!["malformed", "ends in the middle"]),
        ("header-past-end.npy", npy([1, 0], Some(60_000), good.as_bytes(), 0), vec!["60000", "numpy's limit"]),
        ("header-past-end-small.npy", npy([1, 0], Some(900), good.as_bytes(), 0), vec!["truncated", "910"]),
        ("header-4gb-v2.npy", npy([2, 0], Some(u32::MAX), good.as_bytes(), 80), vec!["4294967295", "numpy's limit"]),
        ("not-a-dict.npy", v1("['descr', '<f8']"), vec!["not a dict", "['descr', '<f8']"]),
        ("missing-key.npy", v1("{'descr': '<f8', 'fortran_order': False}"), vec!["no 'shape' key"]),
        (
            "duplicate-key.npy",
            v1("{'descr': '<f8', 'fortran_order': False, 'shape': (10,), 'shape': (5,)}"),
            vec!["'shape' appears twice"],
        ),
        ("extra-key.npy", v1("{'descr': '<f8', 'fortran_order': False, 'shape': (10,), 'x': 1}"), vec!["key 'x'"]),
        ("shape-float.npy", v1(&dict("'<f8'", "(10.0,)")), vec!["(10.0,)", "not a whole number"]),
        ("shape-negative.npy", v1(&dict("'<f8'", "(-10,)")), vec!["(-10,)", "negative"]),
        ("shape-huge.npy", v1(&dict("'<f8'", "(99999999999999999999999,)")), vec!["(99999999999999999999999,)"]),
        (
            "shape-overflows.npy",
            v1(&dict("'<f8'", "(9223372036854775807,)")),
            vec!["(9223372036854775807,)", "too large"],
        ),
        ("shape-0-d.npy", v1(&dict("'<f8'", "()")), vec!["1-D", "()"]),
        ("shape-not-tuple.npy", v1(&dict("'<f8'", "10")), vec!["shape 10 is not a tuple"]),
        ("descr-latin1.npy", npy([1, 0], None, &latin1_descr, 80), vec!["unsupported dtype", "'éf8'"]),
        ("descr-utf8-v3.npy", npy([3, 0], None, dict("'éf8'", "(10,)").as_bytes(), 80), vec!["'éf8'"]),
        ("not-utf8-v3.npy", npy([3, 0], None, b"{'descr': '<f8\xff', }", 80), vec!["not UTF-8"]),
        ("descr-newline.npy", v1(&dict("'<f\\n8'", "(10,)")), vec!["'<f\\n8'"]),
        ("unclosed-string.npy", v1("{'descr': '<f8, 'fortran_order': False}"), vec!["malformed"]),
        (
            "fortran-not-bool.npy",
            v1("{'descr': '<f8', 'fortran_order': 0, 'shape': (10,)}"),
            vec!["fortran_order is 0"],
        ),
        ("deep.npy", v1(&"[".repeat(5_000)), vec!["more than 16 deep"]),
        ("structured.npy", v1(&dict("[('a', '<f8')]", "(10,)")), vec!["structured"]),
        ("truncated-payload.npy", npy([1, 0], None, good.as_bytes(), 79), vec!["truncated", "needs"]),
    ];
    assert!(cases.len() >= 15);
    for (name, bytes, names) in &cases {
        refused(name, bytes, names);
    }
}

fn python() -> Option<PathBuf> {
    numpy_python("the numpy-written cases")
}

/// Valid .npy files numpy writes that memwin does not read: the dtype (or the shape) is named.
const NUMPY_WRITES: &str = r#"
import sys, numpy as np
d = sys.argv[1]
np.save(d + "/object.npy", np.array([1, "a", None], dtype=object), allow_pickle=True)
np.save(d + "/bool.npy", np.zeros(10, np.bool_))
np.save(d + "/str.npy", np.array(["abc", "de"]))
np.save(d + "/datetime64.npy", np.arange("2026-01-01", "2026-01-11", dtype="datetime64[D]"))
np.save(d + "/float16.npy", np.zeros(10, np.float16))
np.save(d + "/int8.npy", np.zeros(10, np.int8))
np.save(d + "/fortran.npy", np.asfortranarray(np.zeros((4, 5))))
np.save(d + "/big-endian.npy", np.arange(10, dtype=">f8"))
np.save(d + "/two-d.npy", np.zeros((10, 2)))
np.save(d + "/complex.npy", np.zeros(10, np.complex128))
"#;

#[test]
fn valid_numpy_files_memwin_does_not_take_are_refused_by_name() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(&python).args(["-c", NUMPY_WRITES]).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "numpy failed: {}", String::from_utf8_lossy(&out.stderr));
    let cases: [(&str, &[&str]); 10] = [
        ("object.npy", &["unsupported dtype", "'|O'"]),
        ("bool.npy", &["unsupported dtype", "'|b1'"]),
        ("str.npy", &["unsupported dtype", "'<U3'"]),
        ("datetime64.npy", &["unsupported dtype", "'<M8[D]'"]),
        ("float16.npy", &["unsupported dtype", "'<f2'"]),
        ("int8.npy", &["unsupported dtype", "'|i1'"]),
        ("fortran.npy", &["1-D", "(4, 5)"]),
        ("big-endian.npy", &["big-endian", "'>f8'"]),
        ("two-d.npy", &["1-D", "(10, 2)"]),
        ("complex.npy", &["unsupported dtype", "'<c16'"]),
    ];
    for (name, names) in cases {
        refused_in(dir.path(), name, names);
    }
}

#[test]
fn a_file_longer_than_its_header_says_is_read_with_one_warning_line() {
    let dir = tempfile::tempdir().unwrap();
    let x = [1.0f64, 2.0, 4.0, 8.0];
    let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }";
    let mut bytes = npy([1, 0], None, format!("{dict:<117}\n").as_bytes(), 0);
    assert_eq!(bytes.len(), 128, "the payload starts aligned, as numpy writes it");
    bytes.extend(x.iter().flat_map(|v| v.to_le_bytes()));
    bytes.extend_from_slice(&[7; 13]);
    std::fs::write(dir.path().join("tail.npy"), &bytes).unwrap();

    let out = crate::cli_common::memwin()
        .current_dir(dir.path())
        .args(["compute", "tail.npy", "--size", "2", "--stat", "sum", "--threads", "1", "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr:?}");
    assert!(lines[0].contains("tail.npy") && lines[0].contains("13 bytes after") && lines[0].starts_with("warning"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Windows [1, 2], [4, 8] by hand: the 13 bytes are never read as a fifth value.
    assert_eq!(json["values"], serde_json::json!([3.0, 12.0]), "{json}");
}
