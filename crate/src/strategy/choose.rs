//! Which strategy computes a job: the statistics each strategy supports, `Auto`'s choice by the cost model,
//! what can be refused about a job before it runs, and the scratch a run will allocate.

use super::blocked::Blocked;
use super::cost;
use super::per_window::PerWindow;
use super::piece::PieceWise;
use super::sliding;
use crate::job::execution::Execution;
use crate::job::job::Job;
use crate::job::options::{Access, Strategy};
use crate::names::Named;
use crate::stat::kind::{Family, Stat};
use crate::Error;

impl Strategy {
    /// Whether the strategy computes `stat`. `Auto` computes whatever some strategy does, and chooses among
    /// those that do.
    pub fn supports(self, stat: Stat) -> bool {
        match (self, stat.family()) {
            (Strategy::Auto, _) => Strategy::CONCRETE.iter().any(|s| s.supports(stat)),
            // Moments and extrema merge partials (per-window, blocked) and run or scan (sliding).
            (Strategy::PerWindow | Strategy::Blocked | Strategy::Sliding, Family::Moments | Family::Extrema) => true,
        }
    }

    /// The strategies that compute windows themselves (every one but `Auto`).
    pub const CONCRETE: [Strategy; 3] = [Strategy::PerWindow, Strategy::Blocked, Strategy::Sliding];
}

impl Job {
    /// What can be refused about the job itself, whatever the input: a forced strategy that does not
    /// compute the statistic. (A simulated cost in a build that cannot sleep is refused by `run` alone: a
    /// shell may plan such a job and simulate the cost itself, as the page's single-thread build does.)
    pub fn check(&self) -> Result<(), Error> {
        if !self.strategy.supports(self.stat) {
            return Err(Error::Unsupported { strategy: self.strategy.name(), stat: self.stat.name() });
        }
        Ok(())
    }

    /// The concrete strategy `Auto` stands for in this job (see [`cost`]).
    pub fn resolved_strategy(&self) -> Strategy {
        match self.strategy {
            Strategy::Auto => cost::cheapest(self),
            s => s,
        }
    }

    /// An upper bound of the bytes `run` allocates for this job on `lanes` lanes with elements of
    /// `elem_bytes` bytes: each lane's scratch (the blocked strategy's block partials, the sliding
    /// strategy's suffix states), and its gather buffer under [`Access::Copy`]. Shells with a hard memory
    /// ceiling (the browser) check it before running.
    pub fn scratch_bytes(&self, lanes: usize, elem_bytes: usize) -> u64 {
        let lanes = lanes.clamp(1, crate::MAX_THREADS);
        let exec = Execution::with_threads(lanes).expect("clamped to 1..=MAX_THREADS");
        let (scratch, span) = match self.resolved_strategy() {
            Strategy::Blocked => {
                let b = Blocked::new(self, exec);
                (PieceWise::<f64>::scratch_bytes(&b), PieceWise::<f64>::max_span(&b))
            }
            Strategy::Sliding => sliding::scratch_and_span(self, exec),
            _ => {
                let p = PerWindow::new(self, exec);
                (PieceWise::<f64>::scratch_bytes(&p), PieceWise::<f64>::max_span(&p))
            }
        };
        let copy = if self.access == Access::Copy { span as u64 * elem_bytes as u64 } else { 0 };
        lanes as u64 * (scratch + copy)
    }
}
