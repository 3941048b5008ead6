//! The validated job: what to compute over which windows, by which strategy, over which view of the input.

use super::options::{Access, Strategy};
use super::windows::Windows;
use crate::stat::kind::{NanPolicy, Stat};
use std::time::Duration;

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
}
