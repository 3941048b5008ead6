//! `run`: validates a job against its input and output, then hands it to its strategy's executor.

use super::blocked::Blocked;
use super::execute::execute;
use super::per_window::PerWindow;
use super::sliding;
use crate::exec::control::Control;
use crate::job::execution::{Execution, MAX_THREADS};
use crate::job::job::Job;
use crate::job::options::Strategy;
use crate::{Element, Error};

/// Computes `job` over `input` into `out` (one value per window, written by exactly one piece of work).
///
/// Validates everything first and allocates every lane's scratch before any work starts, so nothing can
/// fail inside the pool: a scratch too large for memory is [`Error::OutOfMemory`], never an abort. Returns
/// the strategy actually used. On cancellation the output is partly written and must be discarded.
///
/// **Chunked runs.** Each strategy's grid is anchored at `input[0]`, so a long job may run in chunks and
/// keep its bits: see [`Job::chunks`], the one place that rule lives.
pub fn run<T: Element>(
    input: &[T],
    out: &mut [f64],
    job: &Job,
    exec: Execution,
    ctl: &Control,
) -> Result<Strategy, Error> {
    let w = &job.windows;
    if input.len() != w.len() {
        return Err(Error::InputLen { expected: w.len(), got: input.len() });
    }
    if out.len() != w.count() {
        return Err(Error::OutputLen { expected: w.count(), got: out.len() });
    }
    if exec.threads() == 0 {
        return Err(Error::ZeroThreads(0));
    }
    if exec.threads() > MAX_THREADS {
        return Err(Error::TooManyThreads(exec.threads()));
    }
    job.check()?;
    // std's sleep is an atomic wait on wasm: without atomics it panics, which would kill the instance.
    if cfg!(all(target_arch = "wasm32", not(target_feature = "atomics"))) && !job.cost.is_zero() {
        return Err(Error::CannotSleep);
    }
    let strategy = job.resolved_strategy();
    match strategy {
        Strategy::Blocked => execute(input, out, job, exec, ctl, &Blocked::new(job, exec))?,
        Strategy::Sliding => sliding::run(input, out, job, exec, ctl)?,
        _ => execute(input, out, job, exec, ctl, &PerWindow::new(job, exec))?,
    }
    if ctl.is_cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(strategy)
}
