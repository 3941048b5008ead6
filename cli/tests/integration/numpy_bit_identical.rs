//! Per-window float64 means (and sums) through the real `memwin compute`, bit-identical to numpy's own
//! `x[a:b].mean()` (`np.nanmean` under skip): compared as 64-bit patterns by `tests/python/numpy_mean_bits.py`,
//! on hard data (a 1e8 offset, mixed magnitudes, alternating large signs, NaNs), for window sizes in every
//! branch of numpy's pairwise sum, and for long windows that spare lanes split along its tree.
//! A tolerance would hide a change of summation order; bits do not.
//!
//! Needs Python with numpy: `$MEMWIN_PYTHON`, or else the repository's `.venv` made by
//! `scripts/setup-python.sh`. Without one, a bare `cargo test` skips it and says why on stderr; under
//! `npm test` (which sets `MEMWIN_REQUIRE_NUMPY=1`) or with `CI` set, it fails instead.

use crate::cli_common::{memwin, numpy_python, repo_root};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> Option<PathBuf> {
    numpy_python("the numpy bit-identity tests")
}

/// Runs `numpy_mean_bits.py ARGS` and returns its stdout; fails with its output if it fails.
fn py(python: &Path, args: &[&Path]) -> String {
    let script = repo_root().join("tests/python/numpy_mean_bits.py");
    let out = Command::new(python).arg(script).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "numpy_mean_bits.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// (size, step, threads). The inputs hold 300,007 elements.
const SHAPES: [(usize, usize, usize); 8] = [
    // Under 8 elements: a plain loop.
    (5, 101, 2),
    // 8 to 128: eight accumulators, then the pairs, then the tail.
    (100, 37, 2),
    (128, 997, 2),
    // Over 128: halves at a multiple of 8, down the tree.
    (129, 1_000, 2),
    (8_193, 4_096, 2),
    // Two long windows on 4 lanes: each is split in two along numpy's tree.
    (150_000, 150_003, 4),
    // One window over everything on 4 lanes: split in four.
    (300_007, 300_007, 4),
    // A few long windows on 1 lane, for comparison.
    (100_003, 50_001, 1),
];

#[test]
fn per_window_means_and_sums_are_bit_identical_to_numpy() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let made: Value = serde_json::from_str(&py(&python, &[Path::new("make"), dir.path()])).unwrap();
    let mut runs = Vec::new();
    for file in made.as_array().unwrap() {
        let (name, path) = (file["name"].as_str().unwrap(), file["path"].as_str().unwrap());
        let policies: &[&str] = if file["nans"] == 0 { &["propagate"] } else { &["propagate", "skip"] };
        for stat in ["mean", "sum"] {
            for &nan in policies {
                for (size, step, threads) in SHAPES {
                    let output = dir.path().join(format!("{name}.{stat}.{nan}.{size}.{step}.npy"));
                    let (size_s, step_s, threads_s) = (size.to_string(), step.to_string(), threads.to_string());
                    memwin()
                        .args(["compute", path, "--size", &size_s, "--step", &step_s, "--stat", stat, "--nan", nan])
                        .args(["--strategy", "per-window", "--threads", &threads_s, "-o"])
                        .arg(&output)
                        .assert()
                        .success();
                    runs.push(json!({
                        "input": path, "output": output, "size": size, "step": step, "stat": stat, "nan": nan,
                    }));
                }
            }
        }
    }
    let manifest = dir.path().join("runs.json");
    std::fs::write(&manifest, serde_json::to_vec(&runs).unwrap()).unwrap();
    let summary: Value = serde_json::from_str(&py(&python, &[Path::new("check"), &manifest])).unwrap();
    assert_eq!(summary["runs"], runs.len(), "{summary}");
    assert_eq!(summary["failed"], 0, "{summary}");
    // Enough values were compared, and some windows of NaN were among them.
    assert!(summary["values"].as_u64().unwrap() > 50_000, "{summary}");
    assert!(summary["nan_values"].as_u64().unwrap() > 0, "{summary}");
}
