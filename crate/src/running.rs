//! The sliding strategy's fast path for sum, mean, var and std when windows overlap: one running
//! double-double aggregate per block of the sliding grid, slid one element at a time.
//!
//! The block's first window is folded from scratch (the anchor); each next window adds the elements that
//! enter and takes off those that leave, as one exact TwoSum of the pair (new − old) merged into the running
//! `hi` by another TwoSum, every error term kept in `lo`. So each window costs one dependent addition
//! (about one add's latency), where the prefix/suffix scans ([`crate::sliding`]) pay two, plus stored
//! states and a merge.
//!
//! Accuracy: every addition into `hi` is exact with its error in `lo`, so the only roundings are `lo`'s
//! own: at most 3·m²·u²·A after m slides, A the largest magnitude the block's windows and elements reach
//! (≤ Σ|x| over the two blocks the windows span), u = 2⁻⁵³. With m ≤ w, a window's sum is within
//! u·|S| + 4·w²·u²·A of the exact S. Unlike a plain running sum (bottleneck's), nothing accumulates past a
//! block: the next block starts from a fresh anchor.
//!
//! Determinism: the anchors sit on the sliding grid (the first window of each block of w elements from the
//! slice's start), and a piece of a block (fewer blocks than lanes) replays the block's slides from its
//! anchor, so every value is a pure function of the grid: bit-identical for any thread count and for
//! chunked runs.
//!
//! An infinity in the data, or a sum that overflows, makes `hi` non-finite for good (inf − inf is NaN).
//! Values are therefore held back in batches and written only once the batch's last state is finite;
//! otherwise the caller redoes the rest of the block with the scans, which never subtract.

use crate::sliding::Running;
use crate::{Control, Element, NanPolicy, Stat};
use std::ops::Range;

/// Windows held back before they are written: checked for finiteness, then finished and written together.
const BATCH: usize = 256;

/// A running aggregate that can also slide: take one element off while adding another.
pub(crate) trait Slide: Running {
    /// What a held-back window keeps of the aggregate (as little as its value needs).
    type Held: Copy;
    const NONE_HELD: Self::Held;
    /// The shift to slide the block with, from its anchor window (`fallback`: the scans' shift).
    #[inline]
    fn shift_for<T: Element>(_anchor: &[T], fallback: f64) -> f64 {
        fallback
    }
    /// Whether sliding squares elements (and gains from FMA, looked for on x86-64 only).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    const SQUARES: bool = false;
    /// Adds `new`, takes off `old` (an element the aggregate holds). `CLEAN`: both are known not to be NaN
    /// (a NaN then makes the aggregate non-finite, instead of being counted). `FMA`: the code is compiled
    /// for a CPU with fused multiply-add.
    fn slide<T: Element, const CLEAN: bool, const FMA: bool>(&mut self, new: T, old: T, shift: f64);
    /// What window values need of the aggregate of a window of `len` elements.
    fn hold(&self, len: usize) -> Self::Held;
    /// The NaNs among the window's elements.
    fn nans(&self) -> u64;
    /// The statistic of each held window (`len` elements each, `nans` of them NaN) into `out`.
    fn finish(held: &[Self::Held], nans: &[u64], len: usize, stat: Stat, nan: NanPolicy, out: &mut [f64]);
}

/// A block's windows, where they stand in the span handed to [`slide_block`], and what their values need.
pub(crate) struct Block<'a> {
    pub w: usize,
    pub s: usize,
    /// The span's first element, as an offset in the whole input (window i starts at i·s − base).
    pub base: usize,
    /// The block's first window: the anchor, folded from scratch.
    pub anchor: usize,
    /// The windows to write (from the anchor on, within the block).
    pub windows: Range<usize>,
    /// The scans' shift (a state may take its own from the anchor: [`Slide::shift_for`]).
    pub shift: f64,
    pub stat: Stat,
    pub nan: NanPolicy,
    pub ctl: &'a Control,
}

/// Where each batch of values goes: `emit(i, values)` for windows i, i + 1, …
pub(crate) type Emit<'e> = dyn FnMut(usize, &[f64]) + 'e;

/// [`slide_block`] for one state type, as the sliding strategy's tasks take it (none for states that
/// cannot slide).
pub(crate) type Slider<T> = fn(&[T], &Block, &mut Emit) -> Option<usize>;

/// Computes `b.windows` over `span` by sliding from the anchor, calling `emit(i, values)` for each batch
/// of windows from i on, in order. Returns `Some(i)` if the running aggregate stopped being finite before
/// window i's batch was written (windows before i are written; the caller computes the rest another way),
/// `None` when all are written or the run was cancelled.
pub(crate) fn slide_block<T: Element, R: Slide>(span: &[T], b: &Block, emit: &mut Emit) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if R::SQUARES && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has FMA (checked just above).
        return unsafe { slide_block_fma::<T, R>(span, b, emit) };
    }
    slide_block_with::<T, R, false>(span, b, emit)
}

/// [`slide_block`] compiled for CPUs with FMA, where an exact square's error is one instruction
/// ([`crate::double_double::two_square_fma`]) instead of Dekker's ten. Both are exact: the same bits.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
unsafe fn slide_block_fma<T: Element, R: Slide>(span: &[T], b: &Block, emit: &mut Emit) -> Option<usize> {
    slide_block_with::<T, R, true>(span, b, emit)
}

#[inline(always)]
fn slide_block_with<T: Element, R: Slide, const FMA: bool>(span: &[T], b: &Block, emit: &mut Emit) -> Option<usize> {
    let (w, s) = (b.w, b.s);
    let start = |i: usize| i * s - b.base;
    let a = start(b.anchor);
    let shift = R::shift_for(&span[a..a + w], b.shift);
    let mut st = R::fold(&span[a..a + w], shift);
    // A piece that starts past the anchor replays the block's slides up to its first window.
    for i in b.anchor..b.windows.start {
        slide_by::<T, R, false, FMA>(&mut st, span, start(i), w, s, shift);
    }
    let mut i = b.windows.start;
    let mut held = [R::NONE_HELD; BATCH];
    let mut nans = [0u64; BATCH];
    let mut values = [0.0; BATCH];
    while i < b.windows.end {
        if b.ctl.is_cancelled() {
            return None;
        }
        let m = (b.windows.end - i).min(BATCH);
        // Without NaN checks first; a NaN or an infinity makes the state non-finite for good, so the
        // batch's last state speaks for all of it. Then with them, from the batch's first state.
        let first = st;
        fill::<T, R, true, FMA>(&mut st, &mut held[..m], &mut nans[..m], span, start(i), w, s, shift);
        if T::MAY_BE_NAN && !st.is_finite() {
            st = first;
            fill::<T, R, false, FMA>(&mut st, &mut held[..m], &mut nans[..m], span, start(i), w, s, shift);
        }
        if !st.is_finite() {
            return Some(i);
        }
        R::finish(&held[..m], &nans[..m], w, b.stat, b.nan, &mut values[..m]);
        emit(i, &values[..m]);
        b.ctl.finished(m);
        i += m;
        if i < b.windows.end {
            slide_by::<T, R, false, FMA>(&mut st, span, start(i - 1), w, s, shift);
        }
    }
    None
}

/// Holds the windows of a batch (and their NaN counts), the first of which starts at `at` with aggregate
/// `st`, and leaves `st` at the batch's last window.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn fill<T: Element, R: Slide, const CLEAN: bool, const FMA: bool>(
    st: &mut R,
    held: &mut [R::Held],
    nans: &mut [u64],
    span: &[T],
    at: usize,
    w: usize,
    s: usize,
    shift: f64,
) {
    held[0] = st.hold(w);
    nans[0] = st.nans();
    let m = held.len();
    if s == 1 {
        // The common rolling case, with the element pairs read as two plain runs.
        let (old, new) = (&span[at..at + m - 1], &span[at + w..at + w + m - 1]);
        for (((h, c), &n), &o) in held[1..].iter_mut().zip(&mut nans[1..]).zip(new).zip(old) {
            st.slide::<T, CLEAN, FMA>(n, o, shift);
            *h = st.hold(w);
            if !CLEAN {
                *c = st.nans();
            }
        }
    } else {
        for (q, (h, c)) in held.iter_mut().zip(nans.iter_mut()).enumerate().skip(1) {
            slide_by::<T, R, CLEAN, FMA>(st, span, at + (q - 1) * s, w, s, shift);
            *h = st.hold(w);
            if !CLEAN {
                *c = st.nans();
            }
        }
    }
    if CLEAN {
        // A clean batch has no NaN entering or leaving: its count stays the first window's.
        let first = nans[0];
        nans.fill(first);
    }
}

/// Moves the aggregate of the window starting at `at` one step on: s elements enter at the end, s leave at
/// the start.
#[inline(always)]
fn slide_by<T: Element, R: Slide, const CLEAN: bool, const FMA: bool>(
    st: &mut R,
    span: &[T],
    at: usize,
    w: usize,
    s: usize,
    shift: f64,
) {
    let (old, new) = (&span[at..at + s], &span[at + w..at + w + s]);
    for (&n, &o) in new.iter().zip(old) {
        st.slide::<T, CLEAN, FMA>(n, o, shift);
    }
}
