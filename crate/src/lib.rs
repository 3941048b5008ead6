//! memwin computes windowed statistics (mean, sum, min, max, var, std) over large numeric arrays, in
//! parallel. Worker threads share the input without copying it and write their results straight into a
//! shared output.
//!
//! The kernel (this crate's root modules) is pure: it takes a `&[T]` and fills a `&mut [f64]`. It knows
//! nothing of files, the command line or JavaScript. Thin shells sit on it: the `memwin-cli` crate (memory-mapped
//! `.npy` files and the `memwin` command), `web` (WebAssembly shared memory and web workers, wasm32 builds
//! only) and the Python package in `python/`.
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

mod arith;
mod blocked;
pub mod chunks;
pub mod cost;
mod double_double;
mod element;
pub mod engine;
mod error;
mod extremum;
mod lanes;
pub mod names;
pub mod npy;
mod pairwise;
mod per_window;
pub mod random;
mod running;
mod sliding;
mod spec;
mod stats;
mod windows;

pub use element::{Dtype, Element};
pub use engine::{run, Access, Control, Execution, Job, Strategy, MAX_THREADS};
pub use error::Error;
pub use spec::{available_parallelism, JobSpec};
pub use names::{Named, UnknownName};
pub use pairwise::pairwise_sum;
pub use stats::{NanPolicy, Partial, Stat};
pub use windows::{WindowRule, Windows};
