//! One job cut into chunks of windows: for output that is streamed rather than held whole (the CLI), for
//! Dask's tasks, and for the page's single-thread batches. This is the one place the alignment rule lives.
//!
//! Chunk j runs the kernel on the sub-slice that starts at its first window's start, with every full window
//! of that sub-slice. The kernel anchors each strategy's grid at the slice's element 0 (blocks of gcd(w, s)
//! for blocked, of w for sliding), so a chunk that starts on that grid computes the same bits as one whole
//! run: per-window and blocked align on any window (its start is a multiple of gcd(w, s)), sliding on every
//! (w / gcd(w, s))-th, whose start is a multiple of lcm(w, s).

use crate::{Job, Strategy, WindowRule, Windows};

/// Chunks of [`Job::windows_per_chunk`] hold at least this many windows (512 KiB of values), so the
/// kernel's per-call cost is amortised.
pub const MIN_WINDOWS: usize = 1 << 16;

impl Job {
    /// A chunk may start at every how many windows and give the whole run's bits (1: at any window).
    /// `Auto` counts as the strategy it resolves to.
    pub fn chunk_alignment(&self) -> usize {
        let w = &self.windows;
        match self.resolved_strategy() {
            Strategy::PerWindow | Strategy::Blocked => 1,
            // Sliding, and any strategy added later: chunks start on multiples of lcm(w, s).
            _ => w.size() / w.block(),
        }
    }

    /// Windows per chunk: at least `min` (or all of them), a multiple of [`Job::chunk_alignment`].
    pub fn windows_per_chunk(&self, min: usize) -> usize {
        let align = self.chunk_alignment();
        min.max(1).div_ceil(align).saturating_mul(align).min(self.windows.count())
    }

    /// The chunks in order: each one's first window (in this job's numbering), and the job over its
    /// sub-slice `x[windows.start(first)..][..sub.windows.len()]`, with the strategy resolved. Chunks hold
    /// `per_chunk` windows (the last one fewer); give a multiple of [`Job::chunk_alignment`] to keep the bits.
    pub fn chunks(&self, per_chunk: usize) -> impl Iterator<Item = (usize, Job)> + '_ {
        let per_chunk = per_chunk.max(1);
        let w = self.windows;
        let strategy = self.resolved_strategy();
        (0..w.count()).step_by(per_chunk).map(move |first| {
            let count = per_chunk.min(w.count() - first);
            let len = (count - 1) * w.step() + w.size();
            // Cannot fail: len ≥ size ≥ 1, and the all-full rule gives exactly `count` windows over it.
            let sub = Windows::new(len, w.size(), w.step(), WindowRule::AllFull).expect("a sub-slice of whole windows");
            (first, Job { windows: sub, strategy, ..*self })
        })
    }
}
