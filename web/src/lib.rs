//! The browser shell: wasm-bindgen bindings over the memwin kernel, and nothing else. wasm32 only: natively
//! this crate is empty, so `cargo build --workspace` still works on stable Rust.
//!
//! The page's driver worker owns one wasm instance and one [`Workspace`]. The workspace holds the input and
//! the output in wasm memory and hands JavaScript their byte offsets, so the page streams a file straight
//! into the input, and reads the output and the progress counter in place while the kernel runs. In the
//! threaded build (feature `parallel`) that memory is a SharedArrayBuffer: the main thread reads it and sets
//! the cancel flag while the driver is blocked inside [`memwin::run`]. The single-thread build runs a job in
//! chunks of windows ([`Workspace::run_chunk`], the kernel's [`memwin::Job::chunks`]), so its driver can
//! report progress, sleep a simulated cost and take a cancel between chunks.
//!
//! Every entry point validates its arguments, and checks sizes before it allocates: on wasm32 a failed
//! allocation aborts and kills the instance. Errors reach JavaScript as exceptions with the kernel's
//! messages. The kernel validates a job's options ([`memwin::JobSpec::plan`]); only what is about
//! JavaScript (numbers that are whole and fit, the pool's size) is checked here. Nothing here reads a clock
//! (`std::time::Instant` panics on wasm32-unknown-unknown): the page times runs with `performance.now()`.

#![cfg(target_arch = "wasm32")]

mod limits;
mod options;
mod pool;
mod workspace;

pub use limits::{MAX_ALLOCATION, MAX_TOTAL};
pub use options::JobOptions;
pub use pool::pool_threads;
#[cfg(feature = "parallel")]
pub use pool::start_thread_pool;
pub use workspace::Workspace;

use memwin::npy;
use wasm_bindgen::prelude::*;

/// `"parallel"` (shared memory, a rayon pool on web workers) or `"single"` (the fallback).
#[wasm_bindgen(js_name = buildKind)]
pub fn build_kind() -> String {
    if cfg!(feature = "parallel") { "parallel" } else { "single" }.to_string()
}

/// Bytes needed to learn a .npy header's length.
#[wasm_bindgen(js_name = npyPreambleLen)]
pub fn npy_preamble_len() -> usize {
    npy::PREAMBLE_LEN
}

/// The whole header's length (where the payload starts), from the file's first [`npy_preamble_len`] bytes.
#[wasm_bindgen(js_name = npyHeaderLen)]
pub fn npy_header_len(prefix: &[u8]) -> Result<usize, JsError> {
    npy::header_len(prefix).map_err(|e| JsError::new(&e.to_string()))
}

/// What a .npy header says, checked against the file's size:
/// `{ dtype: "f64", dtypeName: "float64", len, dataOffset, payloadBytes, extraBytes, version: "1.0" }`
/// (`extraBytes`: bytes after the payload, which numpy and memwin ignore; the page says so, as the CLI does).
#[wasm_bindgen(js_name = parseNpyHeader)]
pub fn parse_npy_header(header: &[u8], file_size: f64) -> Result<JsValue, JsError> {
    // The same reader the CLI uses (and the fuzz target `streamed_header` drives). The driver passes the
    // npyHeaderLen() bytes it sliced, so `Need` means the slice was short.
    let h = match npy::read_header(header, file_size as u64).map_err(|e| JsError::new(&e.to_string()))? {
        npy::HeaderRead::Done(h) => h,
        npy::HeaderRead::Need(n) => return Err(JsError::new(&format!("the .npy header needs {n} bytes"))),
    };
    let info = NpyInfo {
        dtype: h.dtype.short(),
        dtype_name: h.dtype.name(),
        len: h.len as f64,
        data_offset: h.data_offset as f64,
        payload_bytes: h.payload_len() as f64,
        extra_bytes: h.extra_bytes(file_size as u64) as f64,
        version: format!("{}.{}", h.version.0, h.version.1),
    };
    Ok(serde_wasm_bindgen::to_value(&info)?)
}

/// A .npy header for a float64 array of `len` elements (the page's download: this header, then the output).
#[wasm_bindgen(js_name = npyHeaderF64)]
pub fn npy_header_f64(len: usize) -> Vec<u8> {
    npy::write_header(memwin::Dtype::F64, len)
}

/// Panics. With panic = abort the instance traps and is dead, as it would be on a real bug: the page's
/// test of that case (the driver reports it, the page starts a fresh instance and stays usable) needs a
/// trap it can cause on purpose. The page itself never calls it.
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}

/// The seed experiment's lower bound ⌈k/threads⌉·c, in seconds.
#[wasm_bindgen(js_name = idealSeconds)]
pub fn ideal_seconds(tasks: usize, threads: usize, cost_s: f64) -> f64 {
    tasks.div_ceil(threads.max(1)) as f64 * cost_s
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct NpyInfo {
    dtype: &'static str,
    dtype_name: &'static str,
    len: f64,
    data_offset: f64,
    payload_bytes: f64,
    extra_bytes: f64,
    version: String,
}
