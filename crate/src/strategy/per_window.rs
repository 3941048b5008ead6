//! The per-window strategy: each window reads its w elements. O(k·w); the joblib example's way, and the
//! reference: its means are numpy's `x[a:b].mean()`, bit for bit (pairwise summation).

use super::piece::{Piece, PieceWise, Runs};
use crate::exec::claims::Pieces;
use crate::exec::control::Control;
use crate::exec::lanes::{chunk_len, ways_per_item};
use crate::job::execution::Execution;
use crate::job::job::Job;
use crate::job::options::Access;
use crate::stat::partial::Partial;
use crate::{Element, Error};
use std::ops::Range;

/// Pieces are runs of windows: one window each with a simulated cost or copies (one task per window, each
/// copying its own window, as joblib's).
pub(crate) struct PerWindow {
    job: Job,
    runs: Runs,
    /// Threads that share each window's passes, when there are fewer windows than lanes (the same bits:
    /// see [`Partial::of_split`]).
    ways: usize,
}

impl PerWindow {
    pub(crate) fn new(job: &Job, exec: Execution) -> PerWindow {
        let w = &job.windows;
        let one_each = !job.cost.is_zero() || job.access == Access::Copy;
        let run = chunk_len(w.count(), w.size(), exec.threads(), one_each);
        PerWindow { job: *job, runs: Runs { windows: *w, len: run }, ways: ways_per_item(w.count(), exec) }
    }
}

impl<T: Element> PieceWise<T> for PerWindow {
    type Scratch = ();

    fn pieces(&self) -> Pieces {
        self.runs.pieces()
    }
    fn base(&self, _: usize, windows: &Range<usize>) -> usize {
        self.runs.base(windows)
    }
    fn max_span(&self) -> usize {
        self.runs.max_span()
    }
    fn scratch_bytes(&self) -> u64 {
        0
    }
    fn scratch(&self) -> Result<(), Error> {
        Ok(())
    }
    fn compute(&self, span: &[T], piece: &Piece, out: &mut [f64], _: &mut (), _: &Control) {
        let (w, stat, nan) = (&self.job.windows, self.job.stat, self.job.nan);
        for (value, i) in out.iter_mut().zip(piece.windows.clone()) {
            let a = w.start(i) - piece.base;
            *value = Partial::of_split(&span[a..a + w.size()], stat, self.ways).finish(stat, nan);
        }
    }
}
