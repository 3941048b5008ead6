//! The blocked strategy: partial aggregates of blocks of g = gcd(w, s) elements, then each window merges
//! its w / g partials as a balanced tree. Every element is read about once whatever the overlap; the merges
//! cost k · w / g, so it shines when g is large.
//!
//! Block b is elements [b·g, (b + 1)·g) of the input: the grid is anchored at the input's first element,
//! and every window starts on it. A piece is a run of windows: it computes the partials of the blocks its
//! windows cover into the lane's scratch, then merges each window's run of them. A block at a piece's edge
//! may be computed by both neighbours, identically (a partial is a pure function of its block), which keeps
//! memory bounded and the result exact.

use super::piece::{reserve, Piece, PieceWise, Runs};
use crate::exec::claims::Pieces;
use crate::exec::control::Control;
use crate::exec::lanes::{chunk_len, ways_per_item};
use crate::job::execution::Execution;
use crate::job::job::Job;
use crate::stat::partial::Partial;
use crate::{Element, Error};
use std::ops::Range;

/// Block partials a piece holds at most (3 MiB a lane), unless one window alone needs more.
const MAX_BLOCKS: usize = 1 << 16;

pub(crate) struct Blocked {
    job: Job,
    /// Elements per block: gcd(w, s).
    g: usize,
    per_window: usize,
    per_step: usize,
    /// Windows per piece.
    runs: Runs,
    /// Threads that share each block's passes, when there are fewer pieces than lanes (the same bits).
    ways: usize,
}

impl Blocked {
    pub(crate) fn new(job: &Job, exec: Execution) -> Blocked {
        let w = &job.windows;
        let g = w.block();
        let (per_window, per_step) = (w.size() / g, w.step() / g);
        let lanes = exec.threads();
        let run = if !job.cost.is_zero() {
            1
        } else if per_step >= per_window {
            // No overlap: no block is shared, so a piece is as long as the claims like it.
            chunk_len(w.count(), w.size(), lanes, false)
        } else {
            // A piece recomputes the per_window − per_step blocks it shares with the next one, so fewer,
            // longer pieces read less; more pieces balance the lanes better. Of 1 to 8 pieces a lane (each
            // within MAX_BLOCKS partials), the one with the fewest blocks on the busiest lane.
            let by_memory = MAX_BLOCKS.saturating_sub(per_window) / per_step + 1;
            let busiest = |run: usize| w.count().div_ceil(run).div_ceil(lanes) * ((run - 1) * per_step + per_window);
            (1..=8)
                .map(|m| w.count().div_ceil(lanes * m).clamp(1, by_memory))
                .min_by_key(|&run| busiest(run))
                .unwrap_or(1)
        };
        let pieces = w.count().div_ceil(run);
        Blocked {
            job: *job,
            g,
            per_window,
            per_step,
            runs: Runs { windows: *w, len: run },
            ways: ways_per_item(pieces, exec),
        }
    }

    /// Partials a piece stores (none when windows do not overlap: each merges its own blocks as it reads).
    fn stored(&self) -> usize {
        if self.per_step >= self.per_window {
            0
        } else {
            (self.runs.len.min(self.job.windows.count()) - 1) * self.per_step + self.per_window
        }
    }
}

impl<T: Element> PieceWise<T> for Blocked {
    type Scratch = Vec<Partial>;

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
        (self.stored() * std::mem::size_of::<Partial>()) as u64
    }
    fn scratch(&self) -> Result<Vec<Partial>, Error> {
        let mut parts = reserve(self.stored(), "the blocked strategy's block partials")?;
        parts.resize(self.stored(), Partial::EMPTY);
        Ok(parts)
    }
    fn compute(&self, span: &[T], piece: &Piece, out: &mut [f64], parts: &mut Vec<Partial>, _: &Control) {
        let (g, stat, nan) = (self.g, self.job.stat, self.job.nan);
        let block = |b: usize| Partial::of_split(&span[b * g..(b + 1) * g], stat, self.ways);
        if self.per_step >= self.per_window {
            for (q, value) in out.iter_mut().enumerate() {
                let first = q * self.per_step;
                *value = Partial::merge_tree(self.per_window, &|b| block(first + b)).finish(stat, nan);
            }
            return;
        }
        let blocks = (piece.windows.len() - 1) * self.per_step + self.per_window;
        for (b, part) in parts[..blocks].iter_mut().enumerate() {
            *part = block(b);
        }
        for (q, value) in out.iter_mut().enumerate() {
            let a = q * self.per_step;
            *value = Partial::merge_all(&parts[a..a + self.per_window]).finish(stat, nan);
        }
    }
}
