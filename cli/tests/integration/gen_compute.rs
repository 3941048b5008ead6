//! `memwin gen` then `memwin compute`: values checked against a naive reference computed here from the
//! file's bytes (decoded by hand, not through memwin's reader), for every dtype and statistic.

use crate::cli_common::{close, listing, memwin, naive, read_npy, starts};
use serde_json::Value;
use std::path::Path;

const DTYPES: [&str; 7] = ["f64", "f32", "i64", "i32", "i16", "u16", "u8"];
const STATS: [&str; 6] = ["mean", "sum", "min", "max", "var", "std"];

fn gen(dir: &Path, name: &str, args: &[&str]) {
    memwin().current_dir(dir).args(["gen", name]).args(args).assert().success();
}

/// `memwin compute` printing its values; returns them parsed.
fn compute_values(dir: &Path, args: &[&str]) -> Vec<f64> {
    let out = memwin().current_dir(dir).arg("compute").args(args).output().unwrap();
    assert!(out.status.success(), "compute {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.parse().unwrap()).collect()
}

fn compute_json(dir: &Path, args: &[&str]) -> Value {
    let out = memwin().current_dir(dir).arg("compute").args(args).arg("--json").output().unwrap();
    assert!(out.status.success(), "compute {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `windows` is (size, step, seed rule).
fn check_against_naive(x: &[f64], got: &[f64], windows: (usize, usize, bool), stat: &str, skip: bool, what: &str) {
    let (w, s, seed_rule) = windows;
    let starts = starts(x.len(), w, s, seed_rule);
    assert_eq!(got.len(), starts.len(), "{what}: window count");
    for (i, &a) in starts.iter().enumerate() {
        let window = &x[a..a + w];
        let want = naive(window, stat, skip);
        assert!(close(stat, got[i], want, window), "{what}: window {i} at {a}: got {} want {want}", got[i]);
    }
}

#[test]
fn every_dtype_and_statistic_matches_a_naive_reference() {
    let dir = tempfile::tempdir().unwrap();
    for dtype in DTYPES {
        let name = format!("{dtype}.npy");
        gen(dir.path(), &name, &["--len", "5000", "--seed", "7", "--dtype", dtype]);
        let x = read_npy(&dir.path().join(&name)).values();
        assert_eq!(x.len(), 5000);
        for stat in STATS {
            let got = compute_values(
                dir.path(),
                &[&name, "--size", "300", "--step", "170", "--stat", stat, "--threads", "2"],
            );
            check_against_naive(&x, &got, (300, 170, false), stat, false, &format!("{dtype} {stat}"));
        }
    }
}

#[test]
fn nan_propagate_and_skip_match_numpy_semantics() {
    let dir = tempfile::tempdir().unwrap();
    for dtype in ["f64", "f32"] {
        let name = format!("{dtype}.npy");
        gen(dir.path(), &name, &["--len", "3000", "--dtype", dtype, "--nan-every", "7"]);
        let x = read_npy(&dir.path().join(&name)).values();
        // Exactly x[6::7] is NaN.
        for (i, v) in x.iter().enumerate() {
            assert_eq!(v.is_nan(), i % 7 == 6, "{dtype} element {i}");
        }
        for stat in STATS {
            for nan in ["propagate", "skip"] {
                let got =
                    compute_values(dir.path(), &[&name, "--size", "50", "--step", "20", "--stat", stat, "--nan", nan]);
                let what = format!("{dtype} {stat} {nan}");
                check_against_naive(&x, &got, (50, 20, false), stat, nan == "skip", &what);
                assert_eq!(got.iter().all(|v| v.is_nan()), nan == "propagate", "{what}");
            }
        }
    }
}

#[test]
fn an_all_nan_window_skipped_is_nan_except_for_sum() {
    let dir = tempfile::tempdir().unwrap();
    // Every element NaN: nanmean is NaN, nansum is 0.
    gen(dir.path(), "nan.npy", &["--len", "40", "--nan-every", "1"]);
    let mean = compute_values(dir.path(), &["nan.npy", "--size", "10", "--nan", "skip"]);
    let sum = compute_values(dir.path(), &["nan.npy", "--size", "10", "--nan", "skip", "--stat", "sum"]);
    assert!(mean.len() == 4 && mean.iter().all(|v| v.is_nan()), "{mean:?}");
    assert_eq!(sum, [0.0; 4]);
}

#[test]
fn the_output_file_is_float64_of_shape_k_and_holds_the_printed_values() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "10_000", "--dtype", "i16"]);
    let printed = compute_values(dir.path(), &["x.npy", "--size", "1e3", "--step", "250", "--stat", "std"]);
    let v = compute_json(dir.path(), &["x.npy", "--size", "1e3", "--step", "250", "--stat", "std", "-o", "out.npy"]);
    let out = read_npy(&dir.path().join("out.npy"));
    assert_eq!(out.descr, "<f8");
    assert_eq!(out.shape, [starts(10_000, 1000, 250, false).len()]);
    assert_eq!(out.data_offset % 64, 0, "payload aligned as numpy aligns it");
    let written = out.values();
    assert_eq!(
        written.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
        printed.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
    );
    assert_eq!(v["output"], "out.npy");
    assert!(v.get("values").is_none());
    assert_eq!(listing(dir.path()), ["out.npy", "x.npy"], "no temp file remains");
}

#[test]
fn json_reports_the_computation() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "1000", "--dtype", "u16"]);
    let v = compute_json(dir.path(), &["x.npy", "--size", "100", "--step", "30", "--stat", "max", "--threads", "2"]);
    for key in [
        "input",
        "dtype",
        "len",
        "windows",
        "size",
        "step",
        "stat",
        "nan",
        "strategy",
        "threads",
        "elapsed_s",
        "values",
    ] {
        assert!(v.get(key).is_some(), "no {key} in {v}");
    }
    assert_eq!(v["dtype"], "uint16");
    assert_eq!(v["len"], 1000);
    assert_eq!(v["windows"], starts(1000, 100, 30, false).len());
    assert_eq!(v["values"].as_array().unwrap().len(), starts(1000, 100, 30, false).len());
    assert_eq!((v["size"].as_u64(), v["step"].as_u64(), v["threads"].as_u64()), (Some(100), Some(30), Some(2)));
    assert_eq!(v["stat"], "max");
    assert!(["per-window", "blocked"].contains(&v["strategy"].as_str().unwrap()), "resolved, not auto: {v}");
}

#[test]
fn results_are_bit_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "200_000", "--seed", "3"]);
    for strategy in ["per-window", "blocked"] {
        for stat in ["mean", "var"] {
            let run = |threads: &str| {
                compute_values(
                    dir.path(),
                    &[
                        "x.npy",
                        "--size",
                        "5000",
                        "--step",
                        "1000",
                        "--stat",
                        stat,
                        "--strategy",
                        strategy,
                        "--threads",
                        threads,
                    ],
                )
                .iter()
                .map(|v| v.to_bits())
                .collect::<Vec<_>>()
            };
            let one = run("1");
            assert_eq!(one, run("2"), "{strategy} {stat}");
            assert_eq!(one, run("3"), "{strategy} {stat}");
        }
    }
    // Shared and copied access read the same values.
    let shared = compute_values(dir.path(), &["x.npy", "--size", "5000", "--step", "1000", "--access", "shared"]);
    let copied = compute_values(dir.path(), &["x.npy", "--size", "5000", "--step", "1000", "--access", "copy"]);
    assert_eq!(shared, copied);
}

#[test]
fn both_strategies_match_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "20000", "--dtype", "f32"]);
    let x = read_npy(&dir.path().join("x.npy")).values();
    for strategy in ["per-window", "blocked"] {
        for stat in STATS {
            let got = compute_values(
                dir.path(),
                &["x.npy", "--size", "1200", "--step", "400", "--stat", stat, "--strategy", strategy],
            );
            check_against_naive(&x, &got, (1200, 400, false), stat, false, &format!("{strategy} {stat}"));
        }
    }
}

#[test]
fn window_rules_and_the_default_step() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "1000"]);
    let x = read_npy(&dir.path().join("x.npy")).values();
    // 1000 = 100 + 9·100: all-full has a window at 900; the seed's range(0, 900, 100) does not.
    let all = compute_values(dir.path(), &["x.npy", "--size", "100", "--step", "100"]);
    let seed = compute_values(dir.path(), &["x.npy", "--size", "100", "--step", "100", "--seed-windows"]);
    assert_eq!((all.len(), seed.len()), (10, 9));
    check_against_naive(&x, &seed, (100, 100, true), "mean", false, "seed windows");
    // --step defaults to --size: side by side.
    assert_eq!(compute_values(dir.path(), &["x.npy", "--size", "100"]), all);
    // Gaps: step larger than the window.
    let gaps = compute_values(dir.path(), &["x.npy", "--size", "10", "--step", "300", "--stat", "sum"]);
    check_against_naive(&x, &gaps, (10, 300, false), "sum", false, "gaps");
}

#[test]
fn gen_is_seeded_and_writes_what_it_says() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "a.npy", &["--len", "1e5", "--seed", "42"]);
    gen(dir.path(), "b.npy", &["--len", "1e5", "--seed", "42"]);
    gen(dir.path(), "c.npy", &["--len", "1e5", "--seed", "43"]);
    let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap();
    assert_eq!(read("a.npy"), read("b.npy"));
    assert_ne!(read("a.npy"), read("c.npy"));
    let a = read_npy(&dir.path().join("a.npy")).values();
    assert!(a.iter().all(|v| (0.0..1.0).contains(v)));
    let mean = a.iter().sum::<f64>() / a.len() as f64;
    assert!((mean - 0.5).abs() < 0.01, "uniform [0, 1) has mean 0.5, got {mean}");

    let out = memwin()
        .current_dir(dir.path())
        .args(["gen", "u.npy", "--len", "77", "--dtype", "uint8", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["dtype"].as_str(), v["len"].as_u64(), v["output"].as_str()),
        (Some("uint8"), Some(77), Some("u.npy"))
    );
    let u = read_npy(&dir.path().join("u.npy"));
    assert_eq!((u.descr.as_str(), u.shape.as_slice(), u.payload.len()), ("|u1", &[77][..], 77));
    assert_eq!(v["bytes"], std::fs::metadata(dir.path().join("u.npy")).unwrap().len());
}

#[test]
fn force_replaces_an_existing_output() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "100"]);
    std::fs::write(dir.path().join("out.npy"), "old").unwrap();
    memwin()
        .current_dir(dir.path())
        .args(["compute", "x.npy", "--size", "10", "-o", "out.npy", "--force"])
        .assert()
        .success();
    assert_eq!(read_npy(&dir.path().join("out.npy")).shape, [10]);
    gen(dir.path(), "x.npy", &["--len", "50", "--force"]);
    assert_eq!(read_npy(&dir.path().join("x.npy")).shape, [50]);
    assert_eq!(listing(dir.path()), ["out.npy", "x.npy"]);
}

#[test]
fn info_describes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "123", "--dtype", "i32"]);
    let out = memwin().current_dir(dir.path()).args(["info", "x.npy", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["dtype"].as_str(), v["len"].as_u64(), v["version"].as_str()),
        (Some("int32"), Some(123), Some("1.0"))
    );
    assert_eq!(v["bytes"], std::fs::metadata(dir.path().join("x.npy")).unwrap().len());
}
