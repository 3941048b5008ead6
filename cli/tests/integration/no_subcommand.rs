//! `memwin` without a subcommand: alone, it is the demo (a contract: `cargo run --release`); with flags, it
//! is a usage error that names the flag and says what to type, before any work (once, `memwin --size 1000
//! --step 1` silently started the 1e7-value demo at 10 ms a window).

use crate::cli_common::{fails_with_usage, listing, memwin};

#[test]
fn flags_without_a_subcommand_say_where_they_go() {
    let tmp = tempfile::tempdir().unwrap();
    let line = fails_with_usage(&["--size", "1000", "--step", "1"], tmp.path());
    for words in ["--size", "`memwin compute IN.npy --size 1000 --step 1`", "`memwin demo --size 1000 --step 1`"] {
        assert!(line.contains(words), "no {words:?} in {line}");
    }
    // A flag only `compute` takes suggests only `compute`; `--len` suggests `gen` and `demo`.
    let line = fails_with_usage(&["--stat", "std"], tmp.path());
    assert!(line.contains("`memwin compute IN.npy --stat std`") && !line.contains("demo --stat"), "{line}");
    let line = fails_with_usage(&["--len=1e6"], tmp.path());
    assert!(line.contains("--len ") && line.contains("`memwin gen OUT.npy --len=1e6`"), "{line}");
    assert!(line.contains("`memwin demo --len=1e6`") && !line.contains("compute"), "{line}");
    let line = fails_with_usage(&["-o", "m.npy"], tmp.path());
    assert!(line.contains("`memwin compute IN.npy -o m.npy`"), "{line}");
    // A flag no subcommand has is clap's own one-line error.
    let line = fails_with_usage(&["--bogus"], tmp.path());
    assert!(line.contains("'--bogus'"), "{line}");
    assert!(listing(tmp.path()).is_empty(), "nothing was started");
}

#[test]
fn help_and_version_need_no_subcommand() {
    let out = memwin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("compute") && text.contains("demo"), "{text}");
    assert!(memwin().arg("--version").output().unwrap().status.success());
}

#[test]
fn bare_memwin_is_the_seed_demo() {
    // The whole default demo (1e7 values, 95 windows, 10 ms each): a few seconds.
    let tmp = tempfile::tempdir().unwrap();
    let out = memwin().env("TMPDIR", tmp.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    for words in
        ["10000000 random float64", "95 means of 500000 values every 100000", "parallel_shared", "bit-identical"]
    {
        assert!(text.contains(words), "no {words:?} in\n{text}");
    }
    assert!(listing(tmp.path()).is_empty(), "temp folder left behind: {:?}", listing(tmp.path()));
}
