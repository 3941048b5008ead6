//! Replays the committed fuzz corpus and crash regressions through the fuzz targets' own checks, on stable
//! Rust, so every `cargo test` holds what the fuzzing found: the header parser, the streamed header reader
//! and job validation never panic and keep their invariants on these inputs.
//!
//! The checks are the files in `fuzz/src/` (included here as they are); the inputs are
//! `fuzz/corpus/TARGET/` (minimized with `cargo fuzz cmin`) and `fuzz/regressions/TARGET/` (every crash).
//! The mapped-file target is replayed in `cli/tests/integration/mapped_fuzz_corpus_replay.rs`.

#[path = "../../../fuzz/src/header_checks.rs"]
mod header_checks;
#[path = "../../../fuzz/src/job_options_checks.rs"]
mod job_options_checks;
#[path = "../../../fuzz/src/streamed_header_checks.rs"]
mod streamed_header_checks;

use std::path::{Path, PathBuf};

/// Every input committed for `target`; fails if there are none, so a lost corpus cannot pass silently.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut found = Vec::new();
    for dir in [fuzz.join("corpus").join(target), fuzz.join("regressions").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            found.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    assert!(found.len() >= 10, "only {} inputs for {target} under {}", found.len(), fuzz.display());
    found
}

/// Runs `check` on every input, naming the one that broke an invariant.
fn replay(target: &str, check: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        if let Err(panic) = std::panic::catch_unwind(|| check(&bytes)) {
            let why =
                panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            panic!("{}: {}", path.display(), why.unwrap_or_default());
        }
    }
}

#[test]
fn the_header_parser_holds_on_the_corpus() {
    replay("npy_header", header_checks::check);
}

#[test]
fn the_streamed_header_reader_holds_on_the_corpus() {
    replay("streamed_header", streamed_header_checks::check);
}

#[test]
fn job_validation_holds_on_the_corpus() {
    replay("job_options", job_options_checks::check);
}
