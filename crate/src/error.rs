//! The kernel's errors. Each message names the problem and the offending value, so a shell can print it as is.

use thiserror::Error;

/// Everything the kernel can refuse. Validation happens before any work enters the thread pool.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    #[error("the input is empty (length 0)")]
    EmptyInput,
    #[error("window size must be at least 1, got {0}")]
    ZeroSize(usize),
    #[error("window step must be at least 1, got {0}")]
    ZeroStep(usize),
    #[error("window size {size} is larger than the input length {len}")]
    SizeExceedsLen { size: usize, len: usize },
    #[error("the seed-compatible rule range(0, n - w, s) gives no windows for length {len} and size {size}")]
    NoWindows { len: usize, size: usize },
    #[error("the input has length {got}, but the windows were planned for length {expected}")]
    InputLen { expected: usize, got: usize },
    #[error("the output has length {got}, but there are {expected} windows")]
    OutputLen { expected: usize, got: usize },
    #[error("thread count must be at least 1, got {0}")]
    ZeroThreads(usize),
    #[error("thread count must be at most 1024, got {0}")]
    TooManyThreads(usize),
    #[error("simulated cost must be a finite number of milliseconds >= 0, got {0}")]
    BadCost(String),
    #[error("a simulated cost needs a build that can sleep (native, or wasm with atomics); this one cannot")]
    CannotSleep,
    #[error("cannot allocate {bytes} bytes for {what}; try fewer threads, or another strategy")]
    OutOfMemory { what: &'static str, bytes: u64 },
    #[error("the {strategy} strategy does not compute {stat}")]
    Unsupported { strategy: &'static str, stat: &'static str },
    #[error("cancelled")]
    Cancelled,
}
