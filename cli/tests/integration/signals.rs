//! Signals mid-run leave nothing behind. The real binary runs a real job (long through `--cost-ms`, or large)
//! and gets SIGINT, SIGINT twice, SIGTERM or SIGHUP once its temp output (or the demo's temp folder) exists.
//! Each exits with 128 + the signal's number and one stderr line naming it, and the folder holds what it
//! held before. After SIGKILL nothing stands under the final name, and the next run removes the leftover.
#![cfg(unix)]

use crate::cli_common::{listing, memwin, read_npy};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Signals, as sent one after another (20 ms apart), with the exit code and the name the line must show.
const SIGNALS: [(&[i32], i32, &str); 4] = [
    (&[libc::SIGINT], 130, "SIGINT"),
    (&[libc::SIGINT, libc::SIGINT], 130, "SIGINT"),
    (&[libc::SIGTERM], 143, "SIGTERM"),
    (&[libc::SIGHUP], 129, "SIGHUP"),
];

fn spawn(args: &[&str], cwd: &Path, tmpdir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_memwin"))
        .args(args)
        .current_dir(cwd)
        .env("TMPDIR", tmpdir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("memwin starts")
}

/// Waits (up to 60 s, then fails) until `ready` says the run is under way.
fn wait_until(what: &str, child: &mut Child, ready: impl Fn() -> bool) {
    let start = Instant::now();
    while !ready() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("memwin ended ({status}) before {what}");
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{what}: not seen within 60 s");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits for the child, killing it and failing if it takes longer than `limit` (a hang, not a timing).
fn finish(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("memwin did not stop within {limit:?} of the signal");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn send(child: &Child, signal: i32) {
    // SAFETY: a signal to our own child, which has not been waited for, so its PID is still its own.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
}

fn signalled(child: Child, signals: &[i32]) -> Output {
    for (i, &s) in signals.iter().enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
        send(&child, s);
    }
    finish(child, Duration::from_secs(30))
}

fn check_cancelled(what: &str, out: &Output, code: i32, name: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{what}: stderr {stderr}");
    assert_eq!(stderr, format!("memwin: cancelled by {name}\n"), "{what}");
}

fn a_partial_output(dir: &Path, name: &str) -> bool {
    listing(dir).iter().any(|n| n.starts_with(&format!(".{name}.partial-")))
}

fn gen_input(dir: &Path) {
    memwin().args(["gen", "x.npy", "--len", "1e4"]).current_dir(dir).assert().success();
}

#[test]
fn compute_to_a_file_stops_on_each_signal_and_leaves_only_its_input() {
    for (signals, code, name) in SIGNALS {
        let dir = tempfile::tempdir().unwrap();
        gen_input(dir.path());
        // 100 windows of 50 ms on 2 threads: 2.5 s, so the signal lands mid-run.
        let args = ["compute", "x.npy", "--size", "100", "--cost-ms", "50", "--threads", "2", "-o", "out.npy"];
        let mut child = spawn(&args, dir.path(), dir.path());
        wait_until("the temp output appears", &mut child, || a_partial_output(dir.path(), "out.npy"));
        let out = signalled(child, signals);
        check_cancelled(&format!("compute {signals:?}"), &out, code, name);
        assert!(out.stdout.is_empty());
        assert_eq!(listing(dir.path()), ["x.npy"], "compute {signals:?}");
    }
}

#[test]
fn demo_stops_on_each_signal_and_removes_its_temp_folder() {
    for (signals, code, name) in SIGNALS {
        let tmp = tempfile::tempdir().unwrap();
        // 18 windows of 100 ms run sequentially first: about 2 s.
        let args = ["demo", "--len", "2e5", "--size", "2e4", "--step", "1e4", "--cost-ms", "100", "--threads", "2"];
        let mut child = spawn(&args, tmp.path(), tmp.path());
        wait_until("the demo's data file appears", &mut child, || {
            listing(tmp.path()).iter().any(|d| tmp.path().join(d).join("data.npy").exists())
        });
        let out = signalled(child, signals);
        check_cancelled(&format!("demo {signals:?}"), &out, code, name);
        assert!(out.stdout.is_empty());
        assert!(listing(tmp.path()).is_empty(), "demo {signals:?} left {:?}", listing(tmp.path()));
    }
}

#[test]
fn gen_stops_on_each_signal_and_leaves_nothing() {
    for (signals, code, name) in SIGNALS {
        let dir = tempfile::tempdir().unwrap();
        // 2e8 bytes: generated in 48 parts, checked between parts and once more before the rename.
        let mut child = spawn(&["gen", "big.npy", "--len", "2e8", "--dtype", "u8"], dir.path(), dir.path());
        wait_until("the temp output appears", &mut child, || a_partial_output(dir.path(), "big.npy"));
        let out = signalled(child, signals);
        check_cancelled(&format!("gen {signals:?}"), &out, code, name);
        assert!(listing(dir.path()).is_empty(), "gen {signals:?} left {:?}", listing(dir.path()));
    }
}

#[test]
fn a_signal_interrupts_a_long_simulated_cost() {
    let dir = tempfile::tempdir().unwrap();
    gen_input(dir.path());
    // One window that would sleep 10 minutes: only a sleep that watches the cancel flag stops in time.
    let args = ["compute", "x.npy", "--size", "1e4", "--cost-ms", "600000", "--threads", "1", "-o", "out.npy"];
    let mut child = spawn(&args, dir.path(), dir.path());
    wait_until("the temp output appears", &mut child, || a_partial_output(dir.path(), "out.npy"));
    std::thread::sleep(Duration::from_millis(200));
    send(&child, libc::SIGINT);
    let out = finish(child, Duration::from_secs(60));
    check_cancelled("a long sleep", &out, 130, "SIGINT");
    assert_eq!(listing(dir.path()), ["x.npy"]);
}

#[test]
fn after_sigkill_nothing_stands_under_the_final_name_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    gen_input(dir.path());
    let args = ["compute", "x.npy", "--size", "100", "--cost-ms", "50", "--threads", "2", "-o", "out.npy"];
    let mut child = spawn(&args, dir.path(), dir.path());
    wait_until("the temp output appears", &mut child, || a_partial_output(dir.path(), "out.npy"));
    send(&child, libc::SIGKILL);
    let out = finish(child, Duration::from_secs(30));
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&out.status), Some(libc::SIGKILL));
    let left = listing(dir.path());
    assert!(!left.contains(&"out.npy".to_string()), "{left:?}");
    let stale: Vec<&String> = left.iter().filter(|n| n.starts_with(".out.npy.partial-")).collect();
    assert_eq!(stale.len(), 1, "a killed process cannot clean up: {left:?}");

    // The next run is not confused: it writes the output and removes the dead process's leftover.
    let out =
        memwin().args(["compute", "x.npy", "--size", "100", "-o", "out.npy"]).current_dir(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(stale[0].as_str()) && stderr.contains("no longer runs"), "{stderr}");
    assert_eq!(listing(dir.path()), ["out.npy", "x.npy"]);
    assert_eq!(read_npy(&dir.path().join("out.npy")).shape, [100]);
}

#[test]
fn a_temp_file_of_a_running_process_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    gen_input(dir.path());
    // This test process runs: a temp file with its PID belongs to a live writer.
    let live = format!(".out.npy.partial-{}-abcdef", std::process::id());
    std::fs::write(dir.path().join(&live), "in progress").unwrap();
    memwin().args(["compute", "x.npy", "--size", "100", "-o", "out.npy"]).current_dir(dir.path()).assert().success();
    assert_eq!(listing(dir.path()), [live, "out.npy".to_string(), "x.npy".to_string()]);
}
