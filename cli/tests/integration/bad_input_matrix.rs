//! The bad-input matrix: absurd flags, output paths and input paths given to the real `memwin` binary, and
//! the same mistakes made through the library API. Every CLI case exits 2 within seconds (a FIFO must not
//! hang) with one stderr line that names the problem and the value, no panic, and the folder as it was.
//! Broken .npy headers and unsupported dtypes have their own matrix (`bad_headers.rs`); the page's cases
//! are in `tests/e2e/`.

use crate::cli_common::{in_mount_namespace, listing, memwin, skip_without_namespace, usage_failure, write_raw_npy};
use memwin::{run, Access, Control, Dtype, Execution, Job, NanPolicy, Stat, Strategy, WindowRule, Windows};
use std::path::Path;

/// (what, arguments, words the one line must contain).
type Case = (&'static str, &'static [&'static str], &'static [&'static str]);

const CLI_CASES: &[Case] = &[
    // Absurd numbers.
    ("size 0", &["compute", "x.npy", "--size", "0", "-o", "out.npy"], &["size", "0"]),
    ("size -1", &["compute", "x.npy", "--size", "-1", "-o", "out.npy"], &["'-1'", "--size", "negative"]),
    ("size 1e400", &["compute", "x.npy", "--size", "1e400", "-o", "out.npy"], &["'1e400'", "--size", "too large"]),
    ("size 1.5", &["compute", "x.npy", "--size", "1.5", "-o", "out.npy"], &["'1.5'", "--size", "whole"]),
    ("size abc", &["compute", "x.npy", "--size", "abc", "-o", "out.npy"], &["'abc'", "--size", "not a number"]),
    ("size 1e30", &["compute", "x.npy", "--size", "1e30"], &["'1e30'", "--size", "too large"]),
    ("size 1e18 over the input", &["compute", "x.npy", "--size", "1e18"], &["1000000000000000000", "1000"]),
    ("size over the input", &["compute", "x.npy", "--size", "2000", "-o", "out.npy"], &["2000", "1000"]),
    ("step 0", &["compute", "x.npy", "--size", "10", "--step", "0", "-o", "out.npy"], &["step", "0"]),
    ("step 1e30", &["compute", "x.npy", "--size", "10", "--step", "1e30"], &["'1e30'", "--step", "too large"]),
    ("threads 0", &["compute", "x.npy", "--size", "10", "--threads", "0", "-o", "out.npy"], &["'0'", "--threads"]),
    ("threads 1e9", &["compute", "x.npy", "--size", "10", "--threads", "1e9"], &["'1e9'", "--threads", "1024"]),
    ("threads 2.5", &["compute", "x.npy", "--size", "10", "--threads", "2.5"], &["'2.5'", "--threads"]),
    ("cost-ms -1", &["compute", "x.npy", "--size", "10", "--cost-ms", "-1", "-o", "out.npy"], &["'-1'", "--cost-ms"]),
    ("cost-ms nan", &["compute", "x.npy", "--size", "10", "--cost-ms", "nan"], &["'nan'", "--cost-ms"]),
    ("cost-ms inf", &["compute", "x.npy", "--size", "10", "--cost-ms", "inf"], &["'inf'", "--cost-ms"]),
    ("cost-ms 1e300", &["compute", "x.npy", "--size", "10", "--cost-ms", "1e300"], &["'1e300'", "--cost-ms"]),
    ("seed rule, no windows", &["compute", "x.npy", "--size", "1000", "--seed-windows"], &["1000", "no windows"]),
    ("gen len 0", &["gen", "y.npy", "--len", "0"], &["'0'", "--len", "at least 1"]),
    ("gen len 1e400", &["gen", "y.npy", "--len", "1e400"], &["'1e400'", "--len", "too large"]),
    ("gen len -3", &["gen", "y.npy", "--len", "-3"], &["'-3'", "--len", "negative"]),
    ("gen seed -1", &["gen", "y.npy", "--len", "10", "--seed", "-1"], &["'-1'", "--seed", "negative"]),
    (
        "nan-every on ints",
        &["gen", "y.npy", "--len", "10", "--dtype", "i32", "--nan-every", "3"],
        &["--nan-every 3", "i32"],
    ),
    ("nan-every 0", &["gen", "y.npy", "--len", "10", "--nan-every", "0"], &["'0'", "--nan-every"]),
    ("demo len 1e30", &["demo", "--len", "1e30"], &["'1e30'", "--len", "too large"]),
    ("demo size 0", &["demo", "--size", "0"], &["size", "0"]),
    ("demo threads 0", &["demo", "--threads", "0"], &["'0'", "--threads"]),
    ("demo write-cost inf", &["demo", "--write-cost-ms", "inf"], &["'inf'", "--write-cost-ms"]),
    // Unknown names.
    ("unknown stat", &["compute", "x.npy", "--size", "10", "--stat", "median"], &["'median'", "--stat", "mean"]),
    (
        "unknown strategy",
        &["compute", "x.npy", "--size", "10", "--strategy", "fast"],
        &["'fast'", "--strategy", "blocked"],
    ),
    ("unknown access", &["compute", "x.npy", "--size", "10", "--access", "mmap"], &["'mmap'", "--access", "shared"]),
    ("unknown nan policy", &["compute", "x.npy", "--size", "10", "--nan", "maybe"], &["'maybe'", "--nan", "skip"]),
    ("unknown dtype", &["gen", "y.npy", "--len", "10", "--dtype", "complex128"], &["'complex128'", "--dtype", "f64"]),
    ("unknown flag", &["compute", "x.npy", "--size", "10", "--bogus"], &["--bogus"]),
    ("unknown command", &["frobnicate"], &["frobnicate"]),
    ("missing --size", &["compute", "x.npy"], &["--size"]),
    // Output paths.
    ("output is the input", &["compute", "x.npy", "--size", "10", "-o", "./x.npy", "--force"], &["x.npy", "input"]),
    (
        "output folder missing",
        &["compute", "x.npy", "--size", "10", "-o", "nowhere/out.npy"],
        &["nowhere", "does not exist"],
    ),
    ("gen folder missing", &["gen", "nowhere/y.npy", "--len", "10"], &["nowhere", "does not exist"]),
    ("output exists", &["compute", "x.npy", "--size", "10", "-o", "taken.npy"], &["taken.npy", "--force"]),
    ("gen output exists", &["gen", "taken.npy", "--len", "10"], &["taken.npy", "--force"]),
    ("output is a folder", &["compute", "x.npy", "--size", "10", "-o", "folder"], &["folder", "is a folder"]),
    ("gen output is a folder", &["gen", "folder", "--len", "10", "--force"], &["folder", "is a folder"]),
    (
        "output is a folder path",
        &["compute", "x.npy", "--size", "10", "-o", "folder/.."],
        &["folder/..", "not a file name"],
    ),
    // Input paths.
    ("input missing", &["compute", "missing.npy", "--size", "10", "-o", "out.npy"], &["missing.npy", "No such file"]),
    ("input a FIFO", &["compute", "fifo", "--size", "10", "-o", "out.npy"], &["fifo", "not a regular file"]),
    ("info on a FIFO", &["info", "fifo"], &["fifo", "not a regular file"]),
    ("input a folder", &["compute", "folder", "--size", "10", "-o", "out.npy"], &["folder", "is a folder"]),
    ("info on a folder", &["info", "folder"], &["folder", "is a folder"]),
    ("input a device", &["compute", "/dev/null", "--size", "1"], &["/dev/null", "not a regular file"]),
    ("input a text file", &["compute", "notes.txt", "--size", "10"], &["notes.txt"]),
];

/// A folder with a good 1000-element float64 input, and the paths the cases refer to.
fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let f64s: Vec<u8> = (0..1000).flat_map(|i| (i as f64).to_le_bytes()).collect();
    write_raw_npy(&p("x.npy"), 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }", &f64s);
    std::fs::write(p("notes.txt"), "time,value\n0,1.5\n").unwrap();
    std::fs::write(p("taken.npy"), "keep me").unwrap();
    std::fs::create_dir(p("folder")).unwrap();
    let fifo = std::ffi::CString::new(p("fifo").to_str().unwrap()).unwrap();
    // SAFETY: a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    dir
}

/// Every file in `dir`, with its bytes (FIFOs and folders by name only), to show nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    listing(dir)
        .into_iter()
        .map(|n| {
            let path = dir.join(&n);
            let bytes = path.metadata().unwrap().is_file().then(|| std::fs::read(&path).unwrap());
            (n, bytes)
        })
        .collect()
}

#[test]
fn every_bad_command_line_exits_2_with_one_line_naming_the_value() {
    let mut failures = Vec::new();
    for &(what, args, words) in CLI_CASES {
        let dir = fixtures();
        let before = snapshot(dir.path());
        // The one-line contract (a hang, opening a FIFO, is killed and fails the case), then the words.
        let (mut wrong, stderr) = match usage_failure(args, dir.path()) {
            Ok(line) => (Vec::new(), line),
            Err(broken) => broken,
        };
        for word in words {
            if !stderr.contains(word) {
                wrong.push(format!("does not name {word:?}"));
            }
        }
        if snapshot(dir.path()) != before {
            wrong.push(format!("the folder changed: {:?}", listing(dir.path())));
        }
        if !wrong.is_empty() {
            failures.push(format!("{what}: memwin {args:?}: {} | stderr {stderr:?}", wrong.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CLI_CASES.len(), failures.join("\n"));
    eprintln!("{} command-line cases: each exit 2, one line naming the value, nothing written", CLI_CASES.len());
}

/// A read-only folder: even root cannot write to a read-only mount, and memwin says so before any work.
/// Root ignores permission bits, so the folder is made read-only with a bind mount in a private mount
/// namespace; as another user, `chmod 555` is enough.
#[test]
fn a_read_only_output_folder_exits_2_before_any_work() {
    let dir = fixtures();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let args = ["compute", "x.npy", "--size", "10", "-o", "ro/out.npy"];
    // SAFETY: geteuid has no preconditions.
    let result = if unsafe { libc::geteuid() } == 0 {
        const READ_ONLY: &str = r#"mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" || exit 99"#;
        in_mount_namespace(READ_ONLY, &ro, dir.path(), &args)
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let out = memwin().args(args).current_dir(dir.path()).output().unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        Some((out.status.code(), text(&out.stdout), text(&out.stderr)))
    };
    let Some((code, stdout, stderr)) = result else {
        skip_without_namespace(
            "read-only folder: running as root, and no private mount namespace to mount one read-only",
        );
        return;
    };
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("memwin: the output folder 'ro' is not writable"), "{stderr}");
    assert!(stderr.contains("ro/out.npy"), "{stderr}");
    assert!(listing(&ro).is_empty());
}

/// (what, the error's message, words it must contain).
fn library_cases() -> Vec<(&'static str, String, &'static [&'static str])> {
    let err = |r: Result<Windows, memwin::Error>| r.unwrap_err().to_string();
    let mut cases: Vec<(&'static str, String, &'static [&'static str])> = vec![
        ("empty input", err(Windows::new(0, 1, 1, WindowRule::AllFull)), &["length 0"]),
        ("size 0", err(Windows::new(10, 0, 1, WindowRule::AllFull)), &["size", "0"]),
        ("step 0", err(Windows::new(10, 2, 0, WindowRule::AllFull)), &["step", "0"]),
        ("size over len", err(Windows::new(10, 11, 1, WindowRule::AllFull)), &["11", "10"]),
        ("size usize::MAX", err(Windows::new(10, usize::MAX, 1, WindowRule::AllFull)), &["18446744073709551615", "10"]),
        ("seed rule, none", err(Windows::new(10, 10, 1, WindowRule::SeedCompatible)), &["10", "no windows"]),
        ("zero threads", Execution::with_threads(0).unwrap_err().to_string(), &["thread", "0"]),
        ("unknown stat", "median".parse::<Stat>().unwrap_err().to_string(), &["median", "mean"]),
        ("unknown strategy", "fast".parse::<Strategy>().unwrap_err().to_string(), &["fast", "blocked"]),
        ("unknown access", "mmap".parse::<Access>().unwrap_err().to_string(), &["mmap", "shared"]),
        ("unknown nan policy", "maybe".parse::<NanPolicy>().unwrap_err().to_string(), &["maybe", "skip"]),
        ("unknown dtype", "complex128".parse::<Dtype>().unwrap_err().to_string(), &["complex128", "f64"]),
    ];
    // The kernel checks the buffers it is handed against the plan, before any thread starts.
    let w = Windows::new(100, 10, 10, WindowRule::AllFull).unwrap();
    let ctl = Control::new();
    let x = vec![1.0f64; 99];
    let mut out = vec![0.0; 10];
    let e = run(&x, &mut out, &Job::new(w), Execution::Sequential, &ctl).unwrap_err().to_string();
    cases.push(("input shorter than planned", e, &["99", "100"]));
    let x = vec![1.0f64; 100];
    let mut out = vec![0.0; 9];
    let e = run(&x, &mut out, &Job::new(w), Execution::Sequential, &ctl).unwrap_err().to_string();
    cases.push(("output shorter than k", e, &["9", "10"]));
    let e = run(&x, &mut [0.0; 10], &Job::new(w), Execution::Parallel { threads: 0 }, &ctl).unwrap_err().to_string();
    cases.push(("run on zero threads", e, &["thread", "0"]));
    cases
}

#[test]
fn the_library_api_refuses_the_same_mistakes_with_the_value_in_the_message() {
    let cases = library_cases();
    let mut failures = Vec::new();
    for (what, message, words) in &cases {
        let missing: Vec<&&str> = words.iter().filter(|w| !message.contains(**w)).collect();
        if !missing.is_empty() || message.contains('\n') {
            failures.push(format!("{what}: {message:?} lacks {missing:?} or is not one line"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{} library cases: each an Error naming the value", cases.len());
}
