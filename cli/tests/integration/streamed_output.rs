//! Without `-o`, `compute` streams its values to stdout chunk by chunk: the bits equal those of an `-o` run
//! of the same job (one kernel run), memory stays bounded whatever k (checked under an address-space cap far
//! below k values and their text), `--json` streams its `"values"` array, and a closed pipe ends it quietly.
#![cfg(unix)]

use crate::cli_common::{memwin, naive, read_npy, starts};
use memwin::{Named, Strategy};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

fn gen(dir: &Path, name: &str, args: &[&str]) {
    memwin().args(["gen", name]).args(args).current_dir(dir).assert().success();
}

/// The values of an `-o` run of `args`, read back from the file.
fn written(dir: &Path, args: &[&str]) -> Vec<f64> {
    memwin().args(args).args(["-o", "ref.npy", "--force"]).current_dir(dir).assert().success();
    read_npy(&dir.join("ref.npy")).values()
}

fn printed(dir: &Path, args: &[&str]) -> Vec<f64> {
    let out = memwin().args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.parse().unwrap()).collect()
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

#[test]
fn streamed_values_are_bit_identical_to_one_run_into_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 3e5 elements with a NaN every 1000th: k up to 3e5, so several chunks of 2^16 windows.
    gen(d, "x.npy", &["--len", "3e5", "--nan-every", "1000"]);
    gen(d, "i.npy", &["--len", "3e5", "--dtype", "i16"]);
    let strategies = <Strategy as Named>::ALL.iter().map(|s| s.name());
    for strategy in strategies {
        for (input, size, step, extra) in [
            ("x.npy", "7", "1", &["--nan", "skip"][..]),
            ("x.npy", "10", "4", &["--seed-windows", "--stat", "std"][..]),
            ("i.npy", "1000", "600", &["--stat", "max"][..]),
            ("i.npy", "3", "2", &["--stat", "var", "--threads", "1"][..]),
        ] {
            let mut args = vec!["compute", input, "--size", size, "--step", step, "--strategy", strategy];
            args.extend_from_slice(extra);
            let want = written(d, &args);
            let got = printed(d, &args);
            assert!(same_bits(&got, &want), "{args:?}: {} printed, {} written", got.len(), want.len());
        }
    }
}

#[test]
fn json_streams_every_value_in_one_object() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    gen(d, "x.npy", &["--len", "2e5", "--nan-every", "5"]);
    let args = ["compute", "x.npy", "--size", "3", "--step", "1", "--stat", "min"];
    let want = written(d, &args);
    let out = memwin().args(args).arg("--json").current_dir(d).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one line");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let values = v["values"].as_array().unwrap();
    assert_eq!(values.len(), want.len());
    assert_eq!(v["windows"], want.len());
    assert!(v["elapsed_s"].as_f64().unwrap() >= 0.0);
    for (got, want) in values.iter().zip(&want) {
        // NaN, which JSON lacks, is the string "NaN" (infinities: `json_non_finite.rs`).
        match got.as_f64() {
            Some(g) => assert_eq!(g.to_bits(), want.to_bits()),
            None => assert!(got == "NaN" && want.is_nan(), "{got} for {want}"),
        }
    }
}

/// Caps the child's address space (RLIMIT_AS) at `bytes`.
fn capped(cmd: &mut Command, bytes: u64) -> &mut Command {
    // SAFETY: setrlimit is async-signal-safe, as code between fork and exec must be.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
            match libc::setrlimit(libc::RLIMIT_AS, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        })
    }
}

/// 2e7 windows (step 1) printed under a 256 MiB address-space cap. The values alone are 160 MB and their
/// text about 380 MB: a build that collects them (as memwin did before streaming) aborts under this cap.
/// The 80 MB input map and the threads fit.
#[test]
fn twenty_million_values_print_under_a_256_mib_address_space_cap() {
    const CAP: u64 = 256 << 20;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    gen(d, "x.npy", &["--len", "2e7", "--dtype", "f32"]);
    let args = ["compute", "x.npy", "--size", "10", "--step", "1", "--threads", "2"];
    let want = written(d, &args);
    assert_eq!(want.len(), 19_999_991);
    let x = read_npy(&d.join("x.npy")).values();

    let mut child = capped(Command::new(env!("CARGO_BIN_EXE_memwin")).args(args), CAP)
        .current_dir(d)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = 0usize;
    let mut differ = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let v: f64 = line.unwrap().parse().unwrap();
        if lines < want.len() && v.to_bits() != want[lines].to_bits() && differ.len() < 5 {
            differ.push(lines);
        }
        lines += 1;
    }
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "under the cap: {status}, {stderr}");
    assert_eq!(lines, want.len());
    assert!(differ.is_empty(), "windows {differ:?} differ from the -o run");
    // And a few values against the naive reference, independently of memwin.
    let all = starts(x.len(), 10, 1, false);
    for i in [0, 1, 65_535, 65_536, 10_000_000, all.len() - 1] {
        let w = &x[all[i]..all[i] + 10];
        let r = naive(w, "mean", false);
        assert!((want[i] - r).abs() <= 1e-12 * r.abs(), "window {i}: {} vs {r}", want[i]);
    }

    // --json under the same cap: one object whose values array has every value.
    let mut child = capped(Command::new(env!("CARGO_BIN_EXE_memwin")).args(args).arg("--json"), CAP)
        .current_dir(d)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut commas = 0usize;
    let mut tail = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        commas += buf[..n].iter().filter(|&&b| b == b',').count();
        tail.extend_from_slice(&buf[..n]);
        let keep = tail.len().saturating_sub(200);
        tail.drain(..keep);
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "--json under the cap: {}, {}", out.status, String::from_utf8_lossy(&out.stderr));
    let tail = String::from_utf8_lossy(&tail);
    assert!(tail.trim_end().ends_with('}') && tail.contains("\"elapsed_s\""), "{tail}");
    // k − 1 commas between values, plus those between the other fields (14 of them).
    assert_eq!(commas, want.len() - 1 + 14, "values in the JSON array");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), "x.npy", &["--len", "1e6"]);
    for json in [false, true] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_memwin"));
        cmd.args(["compute", "x.npy", "--size", "2", "--step", "1"]).current_dir(dir.path());
        if json {
            cmd.arg("--json");
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // As `| head -c 100`: read a little, then close the pipe.
        let mut first = [0u8; 100];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "json {json}: {stderr}");
        assert!(stderr.is_empty(), "json {json}: {stderr}");
    }
}
