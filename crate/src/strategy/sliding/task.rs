//! The sliding strategy, O(n + k) whatever the window and step.
//!
//! The input is cut into blocks of w elements, and each task takes the windows that start in one block.
//! Sum, mean, var and std of overlapping windows slide one running aggregate through the block's windows
//! ([`super::lockstep`]: the fastest way, one dependent addition a window). Everything else uses the van
//! Herk / Gil-Werman scans below: min and max, windows that do not overlap, and the rest of a block whose
//! running sum met an infinity or overflowed.
//!
//! The scans: blocks of w elements, anchored at the slice's first element. A window starting at
//! offset r of block j is the suffix of block j from r, then the prefix of block j + 1 up to r (the whole
//! block j when r = 0). So the task for block j scans block j backwards, keeping the running suffix at each
//! window start, then scans block j + 1 forwards, and each window is one suffix merged with one prefix.
//! Nothing is ever subtracted, so nothing drifts:
//! - sums are double-doubles ([`DoubleDouble`]) rounded once per window: a window's sum is the exact sum
//!   rounded, to within a few units of 2⁻¹⁰⁶ of Σ|x|, and its mean is within 2 ulp (one rounding for the
//!   sum, one for the division);
//! - min and max are exact;
//! - var and std use double-double Σd and Σd² (each d² split exactly) of d = x − c, with c a value of the
//!   data at the blocks' boundary, so an offset such as 1e6 costs no digits (x − c is exact when x and c are
//!   within a factor 2), and M2 = Σd² − (Σd)²/n in double-double leaves only x − c's rounding.
//!
//! Long blocks are scanned in sub-chunks of [`SUB`] offsets so the stored suffixes stay in cache: the
//! suffix at a sub-chunk's top is the block's tail from there (sub-chunk aggregates from a fast pass,
//! merged from the block's end), and the backward scan goes on from it. Scratch is O(SUB + w / SUB) states a
//! lane, never O(n).
//!
//! Tasks are blocks (or, with fewer blocks than lanes, pieces of a block's windows); every state is a pure
//! function of the fixed block grid, so results are bit-identical for any thread count and any split.

use super::extremum::Extremum;
use super::lockstep::{slide_block, Block, Buffers, Slider, BUFFER_BYTES};
use super::moments::Moments;
use super::scan::{scan, shift_near, Running, SUB};
use super::sums::Sums;
use crate::exec::claims::{Grid, Pieces};
use crate::exec::control::Control;
use crate::exec::lanes::ways_per_item;
use crate::job::execution::Execution;
use crate::job::job::Job;
use crate::stat::kind::Stat;
use crate::strategy::execute::execute;
use crate::strategy::piece::{reserve, Piece, PieceWise};
use crate::{Element, Error};
use std::ops::Range;

/// Runs the job with the sliding strategy, with the state its statistic needs.
pub(crate) fn run<T: Element>(
    input: &[T],
    out: &mut [f64],
    job: &Job,
    exec: Execution,
    ctl: &Control,
) -> Result<(), Error> {
    match job.stat {
        Stat::Mean | Stat::Sum => {
            execute(input, out, job, exec, ctl, &Sliding::new(job, exec, Some(slide_block::<T, Sums>)))
        }
        Stat::Min => execute(input, out, job, exec, ctl, &Sliding::<T, Extremum<false>>::new(job, exec, None)),
        Stat::Max => execute(input, out, job, exec, ctl, &Sliding::<T, Extremum<true>>::new(job, exec, None)),
        Stat::Var | Stat::Std => {
            execute(input, out, job, exec, ctl, &Sliding::new(job, exec, Some(slide_block::<T, Moments>)))
        }
    }
}

/// One lane's scratch bytes (an upper bound) and the longest slice a piece reads.
pub(crate) fn scratch_and_span(job: &Job, exec: Execution) -> (u64, usize) {
    fn of<R: Running>(s: &Sliding<f64, R>) -> (u64, usize) {
        (PieceWise::<f64>::scratch_bytes(s), PieceWise::<f64>::max_span(s))
    }
    match job.stat {
        Stat::Mean | Stat::Sum => of(&Sliding::<f64, Sums>::new(job, exec, None)),
        Stat::Min | Stat::Max => of(&Sliding::<f64, Extremum<false>>::new(job, exec, None)),
        Stat::Var | Stat::Std => of(&Sliding::<f64, Moments>::new(job, exec, None)),
    }
}

/// Per lane: the suffix states of one sub-chunk, the tails at a block's sub-chunk boundaries, and the
/// running sums' held-back windows.
pub(crate) struct Scratch<R> {
    pub states: Vec<R>,
    pub tails: Vec<R>,
    /// [`Running::scan_clean`]'s suffixes and values: two sub-chunks of f64 at step 1 (else empty).
    pub values: Vec<f64>,
    bufs: Buffers<R>,
}

/// The sliding strategy with states `R`: the slider slides the overlapping windows of each block where `R`
/// can (sums, moments), the scans do the rest. Pieces are the windows that start in one block of w (or a
/// part of them, when there are fewer blocks than lanes).
struct Sliding<T, R> {
    job: Job,
    w: usize,
    s: usize,
    k: usize,
    ways: usize,
    /// How the state slides a block's windows (none for states that only scan).
    slider: Option<Slider<T, R>>,
}

impl<T: Element, R: Running> Sliding<T, R> {
    fn new(job: &Job, exec: Execution, slider: Option<Slider<T, R>>) -> Sliding<T, R> {
        let (w, s, k) = (job.windows.size(), job.windows.step(), job.windows.count());
        let blocks = job.windows.start(k - 1) / w + 1;
        Sliding { job: *job, w, s, k, ways: ways_per_item(blocks, exec), slider }
    }
    /// Suffix states stored at once: the window starts in one sub-chunk.
    fn states_cap(&self) -> usize {
        SUB.min(self.w).div_ceil(self.s).min(self.k)
    }
    /// Tails stored at once: one per sub-chunk boundary of a block (none when a block is one sub-chunk).
    fn tails_cap(&self) -> usize {
        if self.w <= SUB {
            0
        } else {
            self.w.div_ceil(SUB) + 1
        }
    }
    fn values_len(&self) -> usize {
        if self.s == 1 {
            2 * SUB.min(self.w)
        } else {
            0
        }
    }
    /// The windows that start in block j, counted as if the input went on past the job's last window.
    fn block_windows(&self, j: usize) -> Range<usize> {
        (j * self.w).div_ceil(self.s)..((j + 1) * self.w).div_ceil(self.s)
    }
}

impl<T: Element, R: Running> PieceWise<T> for Sliding<T, R> {
    type Scratch = Scratch<R>;

    fn pieces(&self) -> Pieces {
        Pieces::new(self.k, Grid::Blocks { w: self.w, s: self.s }, self.ways)
    }
    fn base(&self, group: usize, _: &Range<usize>) -> usize {
        group * self.w
    }
    fn max_span(&self) -> usize {
        2 * self.w
    }
    fn scratch_bytes(&self) -> u64 {
        let state = size_of::<R>();
        ((self.states_cap() + self.tails_cap()) * state + self.values_len() * 8 + BUFFER_BYTES) as u64
    }
    fn scratch(&self) -> Result<Scratch<R>, Error> {
        let what = "the sliding strategy's suffix states and held-back windows";
        let bufs = Buffers::new().map_err(|_| Error::OutOfMemory { what, bytes: self.scratch_bytes() })?;
        let mut values = reserve(self.values_len(), what)?;
        values.resize(self.values_len(), 0.0);
        Ok(Scratch { states: reserve(self.states_cap(), what)?, tails: reserve(self.tails_cap(), what)?, values, bufs })
    }

    fn compute(&self, span: &[T], piece: &Piece, out: &mut [f64], scratch: &mut Scratch<R>, ctl: &Control) {
        let (w, s, base, j) = (self.w, self.s, piece.base, piece.group);
        let windows = piece.windows.clone();
        let first = windows.start;
        // Values of windows i, i + 1, … (every `stride`-th of `values`) into the piece's output.
        let mut emit = |i: usize, values: &[f64], stride: usize| {
            for (o, &v) in out[i - first..].iter_mut().zip(values.iter().step_by(stride)) {
                *o = v;
            }
        };
        let shift = if R::SHIFTED { shift_near(span, w) } else { 0.0 };
        // Overlapping windows slide running aggregates where the state can (sums, moments); the scans do
        // the rest: extrema, windows that do not overlap, and what follows an infinity.
        let left = match self.slider {
            Some(slide) if s < w => {
                let (stat, nan) = (self.job.stat, self.job.nan);
                let b =
                    Block { w, s, base, block: self.block_windows(j), windows: windows.clone(), shift, stat, nan, ctl };
                slide(span, &b, &mut scratch.bufs, &mut emit)
            }
            _ => vec![windows.clone()],
        };
        for r in left {
            let (blk, next) = span.split_at(w);
            let (tails, values) = (&mut scratch.tails, &mut scratch.values);
            if s == 1 && R::scan_clean(blk, next, r.start - base, r.clone(), tails, values, ctl, &mut emit) {
                continue;
            }
            let (stat, nan) = (self.job.stat, self.job.nan);
            scan::<T, R>(span, w, s, base, r, shift, (&mut scratch.states, &mut scratch.tails), ctl, |i, p| {
                emit(i, &[p.finish(stat, nan)], 1)
            });
        }
    }
}
