//! numpy and memwin read each other's files: memwin computes over arrays numpy wrote (every dtype, .npy
//! versions 1.0, 2.0 and 3.0, NaNs) and numpy checks the results against its own per-window statistics;
//! numpy loads what `memwin gen` writes; numpy-written files memwin cannot read exit 2.
//!
//! Needs Python with numpy: `$MEMWIN_PYTHON`, or else the repository's `.venv` made by
//! `scripts/setup-python.sh`. Without one, a bare `cargo test` skips them and says why on stderr; under
//! `npm test` (which sets `MEMWIN_REQUIRE_NUMPY=1`) or with `CI` set, they fail instead.

use crate::cli_common::{fails_with_usage, memwin, numpy_python, read_npy, repo_root};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const STATS: [&str; 6] = ["mean", "sum", "min", "max", "var", "std"];

fn python() -> Option<PathBuf> {
    numpy_python("the numpy interop tests")
}

/// Runs `tests/python/SCRIPT args` and returns its stdout; fails with its output if it fails.
fn py(python: &Path, script: &str, args: &[&Path]) -> String {
    let out = Command::new(python).arg(repo_root().join("tests/python").join(script)).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{script} failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn memwin_matches_numpy_on_files_numpy_wrote() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let made: Value = serde_json::from_str(&py(&python, "make_arrays.py", &[dir.path()])).unwrap();
    // Overlapping (auto strategy), side by side with the seed's rule, and overlapping blocked.
    let shapes = [(100, 37, false, "auto"), (64, 64, true, "per-window"), (120, 40, false, "blocked")];
    let mut runs = Vec::new();
    for file in made["good"].as_array().unwrap() {
        let name = file["name"].as_str().unwrap();
        // Versions 2.0 and 3.0 differ from 1.0 only in the header: the mean is enough there.
        let stats: &[&str] = if file["version"] == "1.0" { &STATS } else { &["mean"] };
        for &stat in stats {
            for nan in ["propagate", "skip"] {
                for (i, &(size, step, seed_windows, strategy)) in shapes.iter().enumerate() {
                    let output = format!("{name}.{stat}.{nan}.{i}.out.npy");
                    let (size_s, step_s) = (size.to_string(), step.to_string());
                    let mut args = vec![name, "--size", &size_s, "--step", &step_s, "--stat", stat, "--nan", nan];
                    args.extend(["--strategy", strategy, "--threads", "2", "-o", &output]);
                    if seed_windows {
                        args.push("--seed-windows");
                    }
                    memwin().current_dir(dir.path()).arg("compute").args(&args).assert().success();
                    runs.push(json!({
                        "input": dir.path().join(name), "output": dir.path().join(&output), "stat": stat,
                        "nan": nan, "size": size, "step": step, "seed_windows": seed_windows,
                    }));
                }
            }
        }
    }
    let manifest = dir.path().join("runs.json");
    std::fs::write(&manifest, serde_json::to_vec(&runs).unwrap()).unwrap();
    let summary: Value = serde_json::from_str(&py(&python, "check_windows.py", &[&manifest])).unwrap();
    assert_eq!(summary["runs"], runs.len());
    assert_eq!(summary["failed"], 0, "{summary}");
}

#[test]
fn numpy_loads_what_memwin_gen_writes() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (short, numpy_name) in [
        ("f64", "float64"),
        ("float32", "float32"),
        ("i64", "int64"),
        ("int32", "int32"),
        ("i16", "int16"),
        ("u16", "uint16"),
        ("uint8", "uint8"),
    ] {
        let path = dir.path().join(format!("{short}.npy"));
        let len = 1000;
        let mut cmd = memwin();
        cmd.args(["gen", path.to_str().unwrap(), "--len", "1e3", "--seed", "5", "--dtype", short]);
        let floats = numpy_name.starts_with("float");
        if floats {
            cmd.args(["--nan-every", "10"]);
        }
        cmd.assert().success();
        // The expected values, decoded here from the bytes: numpy must see the same ones.
        let x = read_npy(&path).values();
        let as_json =
            |v: &[f64]| v.iter().map(|&f| if f.is_nan() { Value::Null } else { json!(f) }).collect::<Vec<_>>();
        files.push(json!({
            "path": path, "dtype": numpy_name, "len": len, "head": as_json(&x[..20]), "tail": as_json(&x[len - 20..]),
            "nans": if floats { len / 10 } else { 0 },
        }));
    }
    let manifest = dir.path().join("gen.json");
    std::fs::write(&manifest, serde_json::to_vec(&files).unwrap()).unwrap();
    let summary: Value = serde_json::from_str(&py(&python, "check_gen.py", &[&manifest])).unwrap();
    assert_eq!(summary["files"], 7, "{summary}");
}

#[test]
fn numpy_files_memwin_cannot_read_exit_2() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let made: Value = serde_json::from_str(&py(&python, "make_arrays.py", &[dir.path()])).unwrap();
    let bad = made["bad"].as_array().unwrap();
    assert!(bad.len() >= 3);
    for file in bad {
        let name = file["name"].as_str().unwrap();
        let line = fails_with_usage(&["compute", name, "--size", "2", "-o", "out.npy"], dir.path());
        for must in [name, file["names"].as_str().unwrap()] {
            assert!(line.contains(must), "{name}: {line:?} does not name {must:?}");
        }
        assert!(!dir.path().join("out.npy").exists());
    }
}
