//! memwin computes windowed statistics (mean, sum, min, max, var, std) over large numeric arrays, in
//! parallel. Worker threads share the input without copying it and write their results straight into a
//! shared output.
//!
//! The kernel (this crate's root modules) is pure: it takes a `&[T]` and fills a `&mut [f64]`. It knows
//! nothing of files, the command line or JavaScript. Two thin shells sit on it: [`native`] (memory-mapped
//! `.npy` files and the `memwin` CLI) and `web` (WebAssembly shared memory and web workers).
//!
//! ```
//! use memwin::{run, Control, Execution, Job, Stat, WindowRule, Windows};
//!
//! let x: Vec<f64> = (0..10).map(f64::from).collect();
//! // Windows of 4 elements, every 3: [0..4], [3..7], [6..10].
//! let windows = Windows::new(x.len(), 4, 3, WindowRule::AllFull).unwrap();
//! let mut job = Job::new(windows);
//! job.stat = Stat::Max;
//! let mut out = vec![0.0; windows.count()];
//! run(&x, &mut out, &job, Execution::Parallel { threads: 2 }, &Control::new()).unwrap();
//! assert_eq!(out, [3.0, 6.0, 9.0]);
//! ```

mod element;
pub mod engine;
mod error;
pub mod npy;
mod pairwise;
pub mod random;
mod stats;
mod windows;

pub use element::{Dtype, Element};
pub use engine::{run, Access, Control, Execution, Job, Strategy};
pub use error::Error;
pub use pairwise::pairwise_sum;
pub use stats::{NanPolicy, Partial, Stat};
pub use windows::{WindowRule, Windows};

#[cfg(not(target_arch = "wasm32"))]
pub mod native;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The seed experiment's lower bound: k equal tasks of `cost_s` seconds on `threads` threads take at least
/// ⌈k/threads⌉ rounds.
pub fn ideal_seconds(tasks: usize, threads: usize, cost_s: f64) -> f64 {
    tasks.div_ceil(threads.max(1)) as f64 * cost_s
}
