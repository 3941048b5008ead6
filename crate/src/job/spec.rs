//! A job as a shell describes it: plain option values, checked once here and turned into the kernel's
//! [`Job`] and [`Execution`]. The CLI, the page and the Python package all go through [`JobSpec::plan`], so
//! they accept and refuse the same things with the same words.

use crate::{Access, Error, Execution, Job, NanPolicy, Stat, Strategy, WindowRule, Windows};
use std::time::Duration;

/// The options of one job, before validation. Shells fill it from their own world (clap's arguments, a
/// JavaScript object, Python keywords); only the conversion of their number types stays in the shells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JobSpec {
    /// Window size, in elements.
    pub size: usize,
    /// Window step; `None` is `size` (windows side by side).
    pub step: Option<usize>,
    pub stat: Stat,
    pub nan: NanPolicy,
    pub rule: WindowRule,
    /// Lanes; `None` is the available parallelism.
    pub threads: Option<usize>,
    pub strategy: Strategy,
    pub access: Access,
    /// Simulated work per window, in milliseconds (the seed experiment's `time.sleep`).
    pub cost_ms: f64,
}

impl JobSpec {
    /// Windows of `size` side by side, with every other option at its default.
    pub fn new(size: usize) -> JobSpec {
        JobSpec {
            size,
            step: None,
            stat: Stat::default(),
            nan: NanPolicy::default(),
            rule: WindowRule::default(),
            threads: None,
            strategy: Strategy::default(),
            access: Access::default(),
            cost_ms: 0.0,
        }
    }

    /// The validated job over an input of `len` elements along the window axis, and where it runs.
    /// `Strategy::Auto` is resolved here, once for the whole input, so that a shell that runs the job in
    /// chunks ([`Job::chunks`]) computes every chunk as the whole would.
    pub fn plan(&self, len: usize) -> Result<(Job, Execution), Error> {
        let windows = Windows::new(len, self.size, self.step.unwrap_or(self.size), self.rule)?;
        let exec = Execution::with_threads(self.threads.unwrap_or_else(available_parallelism))?;
        let cost = cost(self.cost_ms)?;
        let job = Job {
            stat: self.stat,
            nan: self.nan,
            strategy: self.strategy,
            access: self.access,
            cost,
            ..Job::new(windows)
        };
        job.check()?;
        Ok((Job { strategy: job.resolved_strategy(), ..job }, exec))
    }
}

/// The machine's parallelism (1 where it cannot be known, as on wasm32).
pub fn available_parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(crate::MAX_THREADS)
}

/// A simulated cost in milliseconds as a duration: finite, ≥ 0 and representable (a huge finite value is an
/// error, not `Duration::from_secs_f64`'s panic).
pub fn cost(ms: f64) -> Result<Duration, Error> {
    if !ms.is_finite() || ms < 0.0 {
        return Err(Error::BadCost(shown(ms)));
    }
    Duration::try_from_secs_f64(ms / 1e3).map_err(|_| Error::BadCost(shown(ms)))
}

/// A number as a person reads it in a message: `1e300`, not its 301 digits.
fn shown(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e16 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}
