//! The `memwin` command's tests, one binary with a module per topic (as ripgrep's `tests/`): the helpers
//! are compiled once, and the binary links once. Most run the real `memwin` binary end to end; the numpy
//! ones need Python with numpy (`$MEMWIN_PYTHON`, or the repository's `.venv`).

#[path = "../cli_common/mod.rs"]
mod cli_common;

mod bad_headers;
mod bad_input;
mod bad_input_matrix;
mod chunks;
mod demo;
mod gen_compute;
mod info;
mod json_non_finite;
mod mapped_fuzz_corpus_replay;
mod no_subcommand;
mod npy_files;
mod npy_header_dialects;
mod numpy_bit_identical;
mod numpy_interop;
mod signals;
mod streamed_output;
