//! Where the work runs: on the calling thread, or on lanes of the current rayon pool.

use crate::Error;

/// Where the work runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Execution {
    /// On the calling thread, windows in order.
    Sequential,
    /// On `threads` lanes in the current rayon pool (the global one, or one entered with `install`).
    Parallel { threads: usize },
}

/// The most lanes a run takes: far more than any machine's cores, and small enough that per-lane scratch
/// and one rayon task per lane stay cheap (a typo such as 1e9 threads is an error, not an allocation).
pub const MAX_THREADS: usize = 1024;

impl Execution {
    /// 1 thread is sequential; more are parallel lanes (at most [`MAX_THREADS`]).
    pub fn with_threads(threads: usize) -> Result<Execution, Error> {
        match threads {
            0 => Err(Error::ZeroThreads(0)),
            t if t > MAX_THREADS => Err(Error::TooManyThreads(t)),
            1 => Ok(Execution::Sequential),
            t => Ok(Execution::Parallel { threads: t }),
        }
    }
    pub fn threads(self) -> usize {
        match self {
            Execution::Sequential => 1,
            Execution::Parallel { threads } => threads,
        }
    }
}
