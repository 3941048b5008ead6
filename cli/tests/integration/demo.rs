//! `memwin demo` (bare `memwin`: `no_subcommand.rs`): the joblib memmap experiment end to end, its JSON contract, and its temp
//! folder removed afterwards (signals: `signals.rs`).

use crate::cli_common::{listing, memwin};
use serde_json::Value;

const SMALL: [&str; 10] = ["--len", "2e5", "--size", "2e4", "--step", "1e4", "--cost-ms", "1", "--write-cost-ms", "1"];

fn demo_json(args: &[&str], tmp: &std::path::Path) -> Value {
    let out = memwin().args(args).env("TMPDIR", tmp).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // One JSON object and nothing else on stdout.
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON object")
}

#[test]
fn demo_json_reports_the_seed_experiment_and_removes_its_temp_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let mut args = vec!["demo", "--threads", "2", "--json"];
    args.extend(SMALL);
    let v = demo_json(&args, tmp.path());

    for key in [
        "windows",
        "len",
        "size",
        "step",
        "threads",
        "cost_ms",
        "write_cost_ms",
        "timings_s",
        "ideal_s",
        "sequential_ideal_s",
        "efficiency",
        "write_s",
        "max_abs_diff",
        "bit_identical",
    ] {
        assert!(v.get(key).is_some(), "missing key {key} in {v}");
    }
    for key in ["sequential", "parallel_copy", "parallel_shared"] {
        assert!(v["timings_s"][key].as_f64().unwrap() > 0.0, "timings_s.{key} in {v}");
        assert!(v["efficiency"][key].as_f64().unwrap() > 0.0, "efficiency.{key} in {v}");
    }
    // range(0, n - w, s), by the rule itself.
    let windows = (0..200_000 - 20_000).step_by(10_000).count();
    assert_eq!(v["windows"], windows);
    assert_eq!(v["threads"], 2);
    assert_eq!(
        (v["len"].as_u64(), v["size"].as_u64(), v["step"].as_u64()),
        (Some(200_000), Some(20_000), Some(10_000))
    );
    // ⌈k/threads⌉ rounds of 1 ms, and k·1 ms sequentially.
    let ideal = windows.div_ceil(2) as f64 * 1e-3;
    assert!((v["ideal_s"].as_f64().unwrap() - ideal).abs() < 1e-12, "{v}");
    assert!((v["sequential_ideal_s"].as_f64().unwrap() - windows as f64 * 1e-3).abs() < 1e-12, "{v}");
    // No run can beat its lower bound.
    assert!(v["timings_s"]["parallel_shared"].as_f64().unwrap() >= ideal, "{v}");
    assert_eq!(v["bit_identical"], true);
    assert_eq!(v["max_abs_diff"], 0.0);
    assert!(listing(tmp.path()).is_empty(), "temp folder left behind: {:?}", listing(tmp.path()));
}

#[test]
fn the_default_windows_are_the_seeds_95_not_96() {
    // The seed's sizes, without the simulated cost so it stays quick.
    let tmp = tempfile::tempdir().unwrap();
    let v = demo_json(&["demo", "--cost-ms", "0", "--write-cost-ms", "0", "--threads", "2", "--json"], tmp.path());
    assert_eq!(v["windows"], (0..10_000_000 - 500_000).step_by(100_000).count());
    assert_eq!(v["windows"], 95);
    assert_eq!(v["bit_identical"], true);
    assert!(listing(tmp.path()).is_empty());
}

#[test]
fn demo_prints_a_table_with_every_phase() {
    let tmp = tempfile::tempdir().unwrap();
    let mut args = vec!["demo", "--threads", "2"];
    args.extend(SMALL);
    let out = memwin().args(&args).env("TMPDIR", tmp.path()).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for word in ["sequential", "parallel_copy", "parallel_shared", "write_output", "efficiency", "bit-identical", "18"]
    {
        assert!(text.contains(word), "no {word:?} in\n{text}");
    }
    assert!(listing(tmp.path()).is_empty());
}
