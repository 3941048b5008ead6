//! Replays the committed corpus and crash regressions of the fuzz target `mapped_open` on stable Rust:
//! `Mapped::open` on each file, then its payload read as its dtype, never panics and keeps the target's
//! invariants (see `fuzz/src/mapped_checks.rs`, included here as it is).

#[path = "../../../fuzz/src/mapped_checks.rs"]
mod mapped_checks;

use std::path::Path;

#[test]
fn opening_a_mapped_input_holds_on_the_corpus() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut replayed = 0;
    for dir in [fuzz.join("corpus/mapped_open"), fuzz.join("regressions/mapped_open")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            if let Err(panic) = std::panic::catch_unwind(|| mapped_checks::check(&bytes)) {
                let why = panic.downcast_ref::<String>().cloned().unwrap_or_default();
                panic!("{}: {why}", path.display());
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 10, "only {replayed} inputs under {}", fuzz.display());
}
