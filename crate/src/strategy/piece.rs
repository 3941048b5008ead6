//! What a strategy is to the executor: how it cuts a run into pieces, and how it computes one piece from a
//! contiguous slice of the input into that piece's own output. Strategies never see threads, strides,
//! copies or the simulated cost: [`super::execute`] does.

use crate::exec::claims::{Grid, Pieces};
use crate::exec::control::Control;
use crate::job::windows::Windows;
use crate::{Element, Error};
use std::ops::Range;

/// One piece of a run, as a strategy computes it.
pub(crate) struct Piece {
    /// Its group in the strategy's grid (the block, for the sliding strategy).
    pub group: usize,
    /// Its windows, numbered in the whole run.
    pub windows: Range<usize>,
    /// Where the piece's slice starts in the input: its output's window i starts at `i·s − base` in the
    /// slice, and the slice ends with its last window.
    pub base: usize,
}

/// A strategy, as the executor drives it.
pub(crate) trait PieceWise<T: Element>: Sync {
    /// Each lane's scratch, reused from piece to piece.
    type Scratch: Send;
    /// The run's windows cut into pieces.
    fn pieces(&self) -> Pieces;
    /// Where group `group`'s piece with windows `windows` starts in the input: the strategy's grid is
    /// anchored at the input's first element, so the slice starts on it.
    fn base(&self, group: usize, windows: &Range<usize>) -> usize;
    /// The longest slice a piece reads (the size of a lane's gather buffer).
    fn max_span(&self) -> usize;
    /// Bytes of one lane's scratch (for shells with a hard memory ceiling).
    fn scratch_bytes(&self) -> u64;
    /// One lane's scratch, or [`Error::OutOfMemory`]: allocated before any work starts.
    fn scratch(&self) -> Result<Self::Scratch, Error>;
    /// Piece `piece`'s values into `out` (one per window), from `span` (the input from `piece.base` to the
    /// end of its last window). May stop early when `ctl` is cancelled.
    fn compute(&self, span: &[T], piece: &Piece, out: &mut [f64], scratch: &mut Self::Scratch, ctl: &Control);
}

/// `len` values reserved up front, as an [`Error::OutOfMemory`] naming `what` when refused.
pub(crate) fn reserve<V>(len: usize, what: &'static str) -> Result<Vec<V>, Error> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| Error::OutOfMemory { what, bytes: len.saturating_mul(std::mem::size_of::<V>()) as u64 })?;
    Ok(v)
}

/// Pieces that are runs of `len` consecutive windows, each read from its first window's start: the grid of
/// the per-window and blocked strategies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Runs {
    pub windows: Windows,
    pub len: usize,
}

impl Runs {
    pub(crate) fn pieces(&self) -> Pieces {
        Pieces::new(self.windows.count(), Grid::Runs { len: self.len }, 1)
    }
    /// Where a run of `windows` starts in the input: its first window's start.
    pub(crate) fn base(&self, windows: &Range<usize>) -> usize {
        self.windows.start(windows.start)
    }
    /// The longest run's span: its windows' starts, then a window.
    pub(crate) fn max_span(&self) -> usize {
        (self.len.min(self.windows.count()) - 1) * self.windows.step() + self.windows.size()
    }
}
