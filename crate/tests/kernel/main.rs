//! The kernel's tests, one binary with a module per behaviour (as ripgrep's tests/integration/main.rs). A
//! binary per topic recompiled the shared helpers and linked alone, some twenty times; here `common` (the
//! naive reference, tolerances, data) and `spy` (an element that notes which rayon threads read it) compile
//! once. One topic alone: `cargo test -p memwin --test kernel -- sliding::`.
//!
//! Every module runs in this one process, two tests at a time (libtest's default here). None needs a process
//! of its own: each multi-lane run that counts threads builds its own rayon pool (`common::pool`) and none
//! configures the global one; `spy::READERS` and `long_windows`' readers are each read by one test only;
//! environment variables are only read (`stress`' MEMWIN_STRESS_*), never set; there is no global allocator.
// Native only (threads, files, processes, proptest); the browser's tests are web/tests/.
#![cfg(not(target_arch = "wasm32"))]

mod common;
// The browser's thread tests (web/tests/web_threads.rs) use it too, by this path.
#[path = "../spy/mod.rs"]
mod spy;

mod accuracy;
mod blocked_many_tiles;
mod control;
mod extremum_scan;
mod flat_windows;
mod job_spec;
mod lockstep_chains;
mod long_windows;
mod matches_naive_reference;
mod mutants_engine;
mod nan_var_offset;
mod npy_fuzz_corpus_replay;
mod option_names;
mod pairwise_order;
mod properties;
mod running_sums;
mod sliding;
mod split_nan;
mod stress;
mod window_counts;
