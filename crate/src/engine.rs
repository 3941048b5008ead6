//! How the windows are computed: sequentially or on rayon's lanes ([`crate::lanes`]), with one of three
//! strategies (per-window, blocked, sliding), over copies or over the shared input, with progress and
//! cancellation.
//!
//! Every output value is a pure function of its window (or of the fixed block grid its strategy uses,
//! merged in a fixed order), so the result is bit-identical whatever the thread count and whichever thread
//! computed it.

use crate::lanes::DisjointOut;
use crate::names::{named_str, Named};
use crate::{blocked, cost, per_window, sliding};
use crate::{Element, Error, NanPolicy, Stat, Windows};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How each window is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// One task per window that reads its w elements: O(k·w). The joblib example's way, and the reference.
    PerWindow,
    /// Partial aggregates of blocks of gcd(w, s) elements, each computed once, then each window merges its
    /// w / gcd partials: every element is read once, whatever the overlap.
    Blocked,
    /// Van Herk / Gil-Werman: blocks of w, a running suffix and prefix in each; a window is one suffix
    /// merged with one prefix. O(n + k) whatever w and s (a rolling statistic with step 1, too), with
    /// double-double sums rounded once per window.
    Sliding,
    /// The cheapest of the three for this job, by a cost model measured on this project's machine (and
    /// always per-window with a simulated cost, since that experiment is about one task per window).
    #[default]
    Auto,
}

impl Strategy {
    /// Whether the strategy computes `stat` (`Auto` computes every statistic some strategy does).
    pub fn supports(self, stat: Stat) -> bool {
        // Every strategy computes every statistic of today's two families (moments, extrema).
        let _ = stat;
        true
    }

    pub fn name(self) -> &'static str {
        match self {
            Strategy::PerWindow => "per-window",
            Strategy::Blocked => "blocked",
            Strategy::Sliding => "sliding",
            Strategy::Auto => "auto",
        }
    }
}

impl Named for Strategy {
    const ALL: &'static [Strategy] = &[Strategy::Auto, Strategy::PerWindow, Strategy::Blocked, Strategy::Sliding];
    const WHAT: &'static str = "strategy";
    fn name(self) -> &'static str {
        Strategy::name(self)
    }
}
named_str!(Strategy);

/// How a task sees its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Zero-copy views of the shared input.
    #[default]
    Shared,
    /// Each task first copies its data into a private buffer, as joblib pickles arguments for its workers.
    Copy,
}

impl Access {
    pub fn name(self) -> &'static str {
        match self {
            Access::Shared => "shared",
            Access::Copy => "copy",
        }
    }
}

impl Named for Access {
    const ALL: &'static [Access] = &[Access::Shared, Access::Copy];
    const WHAT: &'static str = "access";
    fn name(self) -> &'static str {
        Access::name(self)
    }
}
named_str!(Access);

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

/// What to compute over which windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job {
    pub windows: Windows,
    pub stat: Stat,
    pub nan: NanPolicy,
    pub strategy: Strategy,
    pub access: Access,
    /// Simulated work per window (a sleep), as the joblib example's `time.sleep`.
    pub cost: Duration,
}

impl Job {
    /// A job with the defaults: mean, propagate NaN, auto strategy, shared access, no simulated cost.
    pub fn new(windows: Windows) -> Job {
        Job {
            windows,
            stat: Stat::Mean,
            nan: NanPolicy::Propagate,
            strategy: Strategy::Auto,
            access: Access::Shared,
            cost: Duration::ZERO,
        }
    }

    /// What can be refused about the job itself, whatever the input: a forced strategy that does not
    /// compute the statistic, a simulated cost in a build that cannot sleep.
    pub fn check(&self) -> Result<(), Error> {
        if !self.strategy.supports(self.stat) {
            return Err(Error::Unsupported { strategy: self.strategy.name(), stat: self.stat.name() });
        }
        // std's sleep is an atomic wait on wasm: without atomics it panics, which would kill the instance.
        if cfg!(all(target_arch = "wasm32", not(target_feature = "atomics"))) && !self.cost.is_zero() {
            return Err(Error::CannotSleep);
        }
        Ok(())
    }

    /// The concrete strategy `Auto` stands for in this job (see [`crate::cost`]).
    pub fn resolved_strategy(&self) -> Strategy {
        match self.strategy {
            Strategy::Auto => cost::cheapest(self),
            s => s,
        }
    }

    /// An upper bound of the bytes `run` allocates for this job on `lanes` lanes with elements of
    /// `elem_bytes` bytes: the blocked strategy's tile of partials, the sliding strategy's suffix states, and
    /// each task's private copy under [`Access::Copy`]. Shells with a hard memory ceiling (the browser)
    /// check it before running.
    pub fn scratch_bytes(&self, lanes: usize, elem_bytes: usize) -> u64 {
        let w = &self.windows;
        let lanes = lanes.max(1);
        let strategy = self.resolved_strategy();
        let mut bytes = match strategy {
            Strategy::Blocked => blocked::scratch_bytes(w),
            Strategy::Sliding => sliding::scratch_bytes(self, lanes),
            _ => 0,
        };
        if self.access == Access::Copy {
            // A task copies a window (per-window), a block (blocked), or a block and the next one's reach
            // (sliding): at most two windows' worth.
            let span = if strategy == Strategy::Sliding { 2 * w.size() } else { w.size() };
            bytes += (lanes * span * elem_bytes) as u64;
        }
        bytes
    }
}

/// Shared between the caller and the workers: a count of finished windows and a cancel flag.
#[derive(Debug, Default)]
pub struct Control {
    done: AtomicUsize,
    cancel: AtomicBool,
}

impl Control {
    pub fn new() -> Control {
        Control::default()
    }
    /// Windows finished so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }
    /// Asks the workers to stop; `run` then returns [`Error::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
    #[inline]
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
    /// Ready for another run.
    pub fn reset(&self) {
        self.done.store(0, Ordering::Relaxed);
        self.cancel.store(false, Ordering::Relaxed);
    }
    /// The raw counter, for shells that expose its address (the page reads it from shared memory).
    pub fn done_counter(&self) -> &AtomicUsize {
        &self.done
    }
    /// The raw cancel flag, for shells that expose its address (the page sets it from the main thread while
    /// the driver worker is blocked in [`run`]).
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
    #[inline]
    pub(crate) fn finished(&self, windows: usize) {
        self.done.fetch_add(windows, Ordering::Relaxed);
    }
}

/// Computes `job` over `input` into `out` (one value per window, written by exactly one task).
///
/// Validates everything first and allocates the strategy's scratch before any work starts, so nothing can
/// fail inside the pool: a scratch too large for memory is [`Error::OutOfMemory`], never an abort. Returns
/// the strategy actually used. On cancellation the output is partly written and must be discarded.
///
/// **Chunked runs.** Each strategy's block grid is anchored at `input[0]`: per-window has none, blocked's
/// blocks start at multiples of gcd(w, s), sliding's at multiples of w. A shell may therefore run a long job
/// in chunks, each over the sub-slice that starts at window i0's start, with i0 a multiple of w / gcd(w, s)
/// (so the sub-slice starts at a multiple of lcm(w, s), on both grids), and get the same bits as one whole
/// run, provided every chunk uses the same concrete strategy: resolve [`Strategy::Auto`] once on the whole
/// job ([`Job::resolved_strategy`]) and pass the result to each chunk.
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
    let strategy = job.resolved_strategy();
    let out = DisjointOut::new(out);
    match strategy {
        Strategy::Blocked => {
            let mut parts = blocked::scratch(job)?;
            blocked::blocked(input, &out, job, exec, ctl, &mut parts);
        }
        Strategy::Sliding => sliding::sliding(input, &out, job, exec, ctl)?,
        _ => per_window::per_window(input, &out, job, exec, ctl),
    }
    if ctl.is_cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(strategy)
}

/// Hands a view of `x` to `f`: the shared slice itself, or a private copy of it.
#[inline]
pub(crate) fn view<T: Element, R>(x: &[T], access: Access, f: impl FnOnce(&[T]) -> R) -> R {
    match access {
        Access::Shared => f(x),
        // The copy is the point: it is what joblib's pickling costs each task.
        #[allow(clippy::unnecessary_to_owned)]
        Access::Copy => f(&x.to_vec()),
    }
}
