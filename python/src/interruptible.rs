//! Runs the kernel with the GIL released, and Ctrl-C still heard: the kernel runs on a scoped thread while
//! the calling thread polls Python's signal handlers, and cancels the kernel through its flag on an error.

use crate::{options, pools};
use memwin::{run as kernel, Control, Element, Execution, Job, Strategy};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

/// How often the caller checks for signals: well inside the ~100 ms a Ctrl-C should take.
const POLL: Duration = Duration::from_millis(20);

pub fn run<T: Element>(py: Python<'_>, input: &[T], out: &mut [f64], job: &Job, exec: Execution) -> PyResult<Strategy> {
    let pool = match exec {
        Execution::Parallel { threads } => Some(pools::take(threads)?),
        Execution::Sequential => None,
    };
    let ctl = Control::new();
    if is_short(input.len(), job) {
        // Over in about a millisecond: no watcher thread (its start would be a large share of the call).
        let result = py.detach(|| match pool.as_ref() {
            Some(pool) => pool.install(|| kernel(input, out, job, exec, &ctl)),
            None => kernel(input, out, job, exec, &ctl),
        });
        if let Some(pool) = pool {
            pools::give_back(pool);
        }
        return result.map_err(options::kernel_error);
    }
    let (result, interrupt) = py.detach(|| {
        std::thread::scope(|scope| {
            let (done_tx, done_rx) = channel::<()>();
            let (ctl, pool) = (&ctl, pool.as_ref());
            let worker = scope.spawn(move || {
                let r = match pool {
                    Some(pool) => pool.install(|| kernel(input, out, job, exec, ctl)),
                    None => kernel(input, out, job, exec, ctl),
                };
                drop(done_tx);
                r
            });
            let mut interrupt = None;
            while let Err(RecvTimeoutError::Timeout) = done_rx.recv_timeout(POLL) {
                if interrupt.is_none() {
                    if let Err(e) = Python::attach(|py| py.check_signals()) {
                        ctl.cancel();
                        interrupt = Some(e);
                    }
                }
            }
            (worker.join(), interrupt)
        })
    });
    if let Some(pool) = pool {
        pools::give_back(pool);
    }
    if let Some(e) = interrupt {
        return Err(e);
    }
    match result {
        Ok(r) => r.map_err(options::kernel_error),
        Err(_) => Err(PyRuntimeError::new_err("memwin's kernel thread panicked (a bug: please report it)")),
    }
}

/// A job too short for Ctrl-C to matter: no simulated cost and at most about a million element reads.
fn is_short(len: usize, job: &Job) -> bool {
    const SHORT_READS: u128 = 1 << 20;
    let w = &job.windows;
    let reads = match job.resolved_strategy() {
        Strategy::PerWindow => w.count() as u128 * w.size() as u128,
        _ => len as u128,
    };
    job.cost.is_zero() && reads <= SHORT_READS
}
