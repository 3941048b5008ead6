//! memwin computes windowed statistics (mean, sum, min, max, var, std) over large numeric arrays, in
//! parallel. Worker threads share the input without copying it and write their results straight into a
//! shared output.
//!
//! The kernel is pure: it takes a `&[T]` and fills a `&mut [f64]`. It knows nothing of files, the command
//! line, JavaScript or Python. Thin shells sit on it: `memwin-cli` (memory-mapped `.npy` files and the
//! `memwin` command), `memwin-web` (WebAssembly shared memory and web workers) and the Python package.
//!
//! Layers, each a folder, arrows pointing down: `strategy/` (dispatch, the executor, per-window, blocked,
//! sliding, the cost model) uses `exec/` (pieces, output claims, lanes, control, the simulated cost's hook),
//! `stat/` (statistics, families, partials) and `job/` (windows, the job, its spec, chunks); `num/`
//! (pairwise sums, double-double, SIMD lanes) is at the bottom. `npy` reads and writes `.npy` headers.
//!
//! ```
//! use memwin::{run, Control, Execution, JobSpec, Stat};
//!
//! let x: Vec<f64> = (0..10).map(f64::from).collect();
//! // Windows of 4 elements, every 3: [0..4], [3..7], [6..10].
//! let spec = JobSpec { step: Some(3), stat: Stat::Max, threads: Some(2), ..JobSpec::new(4) };
//! let (job, exec) = spec.plan(x.len()).unwrap();
//! let mut out = vec![0.0; job.windows.count()];
//! run(&x, &mut out, &job, exec, &Control::new()).unwrap();
//! assert_eq!(out, [3.0, 6.0, 9.0]);
//! ```

mod element;
mod error;
mod exec;
mod job;
pub mod names;
pub mod npy;
mod num;
pub mod random;
mod stat;
mod strategy;

pub use element::{Dtype, Element};
pub use error::Error;
pub use exec::control::Control;
pub use job::chunks;
pub use job::execution::{Execution, MAX_THREADS};
pub use job::job::Job;
pub use job::options::{Access, Strategy, WindowRule};
pub use job::spec::{available_parallelism, JobSpec};
pub use job::windows::Windows;
pub use names::{Named, UnknownName};
pub use num::pairwise::pairwise_sum;
pub use stat::kind::{Family, NanPolicy, Stat};
pub use stat::partial::Partial;
pub use strategy::cost;
pub use strategy::dispatch::run;
