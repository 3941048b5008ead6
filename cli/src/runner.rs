//! Runs one kernel job the way every command does: on a rayon pool of exactly the requested size, timed,
//! cancellable, with a progress bar when one is wanted.

use super::failure::{Failure, Outcome};
use super::{interrupt, progress};
use memwin::{run, Control, Element, Execution, Job, Strategy};
use rayon::ThreadPool;
use std::time::{Duration, Instant};

/// A pool of exactly `threads` threads. The engine runs `threads` lanes in the current pool, so the pool
/// is sized to match rather than taken from rayon's global default.
pub fn pool(threads: usize) -> Outcome<ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("memwin-{i}"))
        .build()
        .map_err(|e| Failure::Other(format!("cannot start {threads} threads: {e}")))
}

/// Where and how a job runs.
pub struct Runner<'a> {
    pub exec: Execution,
    /// Required for `Execution::Parallel`.
    pub pool: Option<&'a ThreadPool>,
    pub ctl: &'a Control,
    pub show_progress: bool,
}

/// A finished run: what `Auto` resolved to, and how long the kernel took (thread start-up and the progress
/// poller are outside the timing).
pub struct Ran {
    pub strategy: Strategy,
    pub elapsed: Duration,
}

impl Runner<'_> {
    /// Runs `job` once, with the progress bar, timed.
    pub fn run<T: Element>(&self, label: &str, input: &[T], out: &mut [f64], job: &Job) -> Outcome<Ran> {
        self.with_progress(label, out.len(), || {
            let start = Instant::now();
            let strategy = self.kernel(input, out, job)?;
            Ok(Ran { strategy, elapsed: start.elapsed() })
        })
    }

    /// Runs `work`, which may call [`Runner::kernel`] many times (a job in chunks), with one progress bar
    /// of `total` windows across all of them: the finished-window count is reset once, here, not per call.
    pub fn with_progress<R: Send>(&self, label: &str, total: usize, work: impl FnOnce() -> R + Send) -> R {
        interrupt::ready(self.ctl);
        progress::run_with_bar(label, total, self.ctl, self.show_progress, work)
    }

    /// One call of the kernel, on the pool when there is one. No timing, no progress bar.
    pub fn kernel<T: Element>(&self, input: &[T], out: &mut [f64], job: &Job) -> Result<Strategy, Failure> {
        let r = match self.pool {
            Some(pool) => pool.install(|| run(input, out, job, self.exec, self.ctl)),
            None => run(input, out, job, self.exec, self.ctl),
        };
        Ok(r?)
    }
}
