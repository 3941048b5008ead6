//! The sliding strategy's fast path for sum, mean, var and std when windows overlap: running double-double
//! aggregates, slid one element at a time.
//!
//! A block's windows (those starting in one block of w elements) are cut into [`CHAINS`] segments of equal
//! length. Each segment's first window (its anchor) is put together from folds: the anchors of a block all
//! lie within two blocks, so the elements between consecutive anchor starts (and ends) are folded once and
//! merged, about 2w elements a block. From its anchor each chain slides on: every next window adds the
//! elements that enter and takes off those that leave, one exact TwoSum of the pair (new − old) merged into
//! the running `hi` by another TwoSum, every error term kept in `lo`. The chains do not depend on each
//! other, so they slide in lockstep, one lane of a vector each ([`Wide`]): the same operations as one chain
//! alone, in every lane, so the same bits. A block with too few windows for the segments is one chain.
//!
//! Accuracy: every addition into `hi` is exact with its error in `lo`, so the only roundings are the
//! anchors' merges and `lo`'s own additions: at most 3·m²·u²·A after m slides, A the largest magnitude the
//! block's windows and elements reach (≤ Σ|x| over the two blocks the windows span), u = 2⁻⁵³. With m ≤ w,
//! a window's sum is within u·|S| + 4·w²·u²·A of the exact S. Unlike a plain running sum (bottleneck's),
//! nothing accumulates past a segment: the next starts from a fresh anchor.
//!
//! Determinism: the segments and anchors depend on the block grid alone (the block's windows, counted as if
//! the input went on), never on the lanes, pieces or where a run ends; a piece of a block replays its
//! segments' slides from their anchors. So every value is a pure function of the grid: bit-identical for
//! any thread count and for chunked runs.
//!
//! An infinity in the data, or a sum that overflows, makes `hi` non-finite for good (inf − inf is NaN, and
//! `lo` stays NaN). Values are therefore held back in batches and written once the batch's last state is
//! finite; otherwise the batch is redone one window at a time, and from the first window whose state is not
//! finite on, the segment is left to the caller's scans (which never subtract). That window depends on the
//! data alone, not on the batches.

use super::scan::Emit;
use super::scan::Running;
use crate::exec::control::Control;
use crate::num::simd::{on_best_vectors, OnVectors, Vector, SIMD_LANES};
use crate::stat::kind::{NanPolicy, Stat};
use crate::Element;
use std::ops::Range;

/// Chains slid side by side in a block, one lane of a [`Vector`] each: their independent additions cover
/// an addition's latency.
pub(crate) const CHAINS: usize = SIMD_LANES;

/// The fewest windows a chain slides (else the block is one chain): below it, the anchors' merges and the
/// batches' bookkeeping cost more than the lockstep saves.
const MIN_CHAIN: usize = 16;

/// Lockstep steps held back at once (each holds [`CHAINS`] windows). 512 rather than 128: a block of
/// w = 1e3 is then one batch, not two, and its output runs four times longer; the rolling mean at w = 1e3
/// took 21 ms instead of 27 on 2 threads (best of 9 alternated runs; w = 1e5: 18 instead of 22). The held
/// windows and their values (32 KiB) still fit the L1 cache.
const STEPS: usize = 512;

/// Windows one chain holds back before they are checked, finished and written.
const BATCH: usize = STEPS * CHAINS;

/// Where held-back windows wait, a lane's own, allocated once before the pool starts (as a block's
/// arrays, zeroed for each block, they cost more than a small block's windows); and the runs the lane's
/// last block folded for its anchors that its next block can use.
pub(crate) struct Buffers<R> {
    held: Vec<f64>,
    nans: Vec<u64>,
    values: Vec<f64>,
    one_held: Vec<f64>,
    one_nans: Vec<u64>,
    carry: Option<Carried<R>>,
}

/// A block's F runs (but the last), kept for the lane's next block: when the step divides the window they
/// are that block's E runs, the same elements folded with the same shift, so the same fold and the same
/// bits (a sum's shift is always 0; moments shift by block, so they are kept only in vain).
struct Carried<R> {
    /// The runs' elements, as offsets in the whole input, and the shift they were folded with.
    ranges: [Range<usize>; CHAINS - 1],
    shift: u64,
    runs: [R; CHAINS - 1],
}

/// The bytes of a lane's [`Buffers`] (their arrays; the carried runs sit in the struct itself).
pub(crate) const BUFFER_BYTES: usize = (3 * BATCH + 2 * STEPS) * 8;

impl<R> Buffers<R> {
    pub(crate) fn new() -> Result<Buffers<R>, std::collections::TryReserveError> {
        fn zeros<V: Copy + Default>(n: usize) -> Result<Vec<V>, std::collections::TryReserveError> {
            let mut v = Vec::new();
            v.try_reserve_exact(n)?;
            v.resize(n, V::default());
            Ok(v)
        }
        Ok(Buffers {
            held: zeros(BATCH)?,
            nans: zeros(BATCH)?,
            values: zeros(BATCH)?,
            one_held: zeros(STEPS)?,
            one_nans: zeros(STEPS)?,
            carry: None,
        })
    }
}

/// A running aggregate that can also slide: take one element off while adding another.
pub(crate) trait Slide: Running {
    /// The shift to slide the block with, from its anchor window (`fallback`: the scans' shift).
    #[inline]
    fn shift_for<T: Element>(_anchor: &[T], fallback: f64) -> f64 {
        fallback
    }
    /// Adds `new`, takes off `old` (an element the aggregate holds). `CLEAN`: both are known not to be NaN
    /// (a NaN then makes the aggregate non-finite, instead of being counted). `FMA`: the code is compiled
    /// for a CPU with fused multiply-add.
    fn slide<T: Element, const CLEAN: bool, const FMA: bool>(&mut self, new: T, old: T, shift: f64);
    /// What the window's value needs of the aggregate, for a window of `len` elements.
    fn hold(&self, len: usize) -> f64;
    /// The NaNs among the window's elements.
    fn nans(&self) -> u64;
    /// The statistic of each held window (`len` elements each; `nans`: how many of them are NaN, or `None`
    /// when none is) into `out`.
    fn finish(held: &[f64], nans: Option<&[u64]>, len: usize, stat: Stat, nan: NanPolicy, out: &mut [f64]);

    /// The aggregates of [`CHAINS`] chains, field by field, in vectors (their NaN counts kept aside).
    type Chains<V: Vector>: Copy;
    fn gather<V: Vector>(chains: &[Self; CHAINS]) -> Self::Chains<V>;
    /// Chain `c`'s aggregate, with its NaN count.
    fn chain<V: Vector>(all: &Self::Chains<V>, c: usize, nans: u64) -> Self;
    /// Chain `c` set to `one`.
    fn set_chain<V: Vector>(all: &mut Self::Chains<V>, c: usize, one: &Self);
    /// [`Running::push_clean`] of one element into each chain, with the same operations lane by lane.
    fn push_chains<V: Vector, const FMA: bool>(all: &mut Self::Chains<V>, x: V, shift: f64);
    /// [`Slide::slide`] of every chain, `CLEAN`, with the same operations lane by lane (the same bits).
    fn slide_chains<V: Vector, const FMA: bool>(all: &mut Self::Chains<V>, new: V, old: V, shift: f64);
    /// [`Slide::hold`] of every chain by the plain f64 finish, or `None` when a lane cannot take it (then
    /// [`Slide::hold_each`]); `inv`: the reciprocals of the non-NaN elements of each chain's window.
    fn hold_chains<V: Vector>(all: &Self::Chains<V>, inv: V) -> Option<V>;
    /// [`Slide::hold`] of each chain alone; `counts`: the non-NaN elements of each chain's window.
    fn hold_each<V: Vector>(all: &Self::Chains<V>, counts: &[u64; CHAINS]) -> V;
}

/// A block's windows, where they stand in the span handed to [`slide_block`], and what their values need.
pub(crate) struct Block<'a> {
    pub w: usize,
    pub s: usize,
    /// The span's first element, as an offset in the whole input (window i starts at i·s − base).
    pub base: usize,
    /// The windows that start in the block, counted as if the input went on: the segments depend on it.
    pub block: Range<usize>,
    /// The windows to write (within the block and the job).
    pub windows: Range<usize>,
    /// The scans' shift (a state may take its own from the anchor: [`Slide::shift_for`]).
    pub shift: f64,
    pub stat: Stat,
    pub nan: NanPolicy,
    pub ctl: &'a Control,
}

/// [`slide_block`] for one state type, as the sliding strategy's tasks take it (none for states that
/// cannot slide).
pub(crate) type Slider<T, R> = fn(&[T], &Block, &mut Buffers<R>, &mut Emit) -> Vec<Range<usize>>;

/// Computes `b.windows` over `span` by sliding from the anchors, calling `emit` for each batch of values.
/// Returns the windows left to the caller because a running aggregate stopped being finite (an infinity or
/// an overflow); none when all are written or the run was cancelled.
pub(crate) fn slide_block<T: Element, R: Slide>(
    span: &[T],
    b: &Block,
    bufs: &mut Buffers<R>,
    emit: &mut Emit,
) -> Vec<Range<usize>> {
    /// [`slide_block_with`] on whichever vectors the CPU has.
    struct Go<'x, 'b, 'e, T, R> {
        span: &'x [T],
        b: &'x Block<'b>,
        bufs: &'x mut Buffers<R>,
        emit: &'x mut Emit<'e>,
    }
    impl<T: Element, R: Slide> OnVectors for Go<'_, '_, '_, T, R> {
        type Output = Vec<Range<usize>>;
        #[inline(always)]
        fn run<V: Vector, const FMA: bool>(self) -> Vec<Range<usize>> {
            slide_block_with::<T, R, V, FMA>(self.span, self.b, self.bufs, self.emit)
        }
    }
    on_best_vectors(Go { span, b, bufs, emit })
}

#[inline(always)]
fn slide_block_with<T: Element, R: Slide, V: Vector, const FMA: bool>(
    span: &[T],
    b: &Block,
    bufs: &mut Buffers<R>,
    emit: &mut Emit,
) -> Vec<Range<usize>> {
    let mut left = Vec::new();
    let a = b.block.start * b.s - b.base;
    let shift = R::shift_for(&span[a..a + b.w], b.shift);
    let q = b.block.len() / CHAINS;
    if q < MIN_CHAIN {
        let anchor = R::fold(&span[a..a + b.w], shift);
        let one = Chain { b, shift, at: b.block.start };
        one.slide::<T, R, FMA>(span, anchor, b.windows.clone(), bufs, &mut left, emit);
        return left;
    }
    // Segment c: windows seg(c)..seg(c + 1); the last takes the remainder.
    let seg = |c: usize| if c == CHAINS { b.block.end } else { b.block.start + c * q };
    let used = (1..=CHAINS).find(|&c| seg(c) >= b.windows.end).unwrap_or(CHAINS);
    let anchors = anchors::<T, R, V, FMA>(span, b, &seg, used, shift, &mut bufs.carry);
    if b.windows == b.block {
        lockstep::<T, R, V, FMA>(span, b, shift, q, anchors, bufs, &mut left, emit);
    } else {
        // A piece of the block, or its windows cut by the end of the job: each segment it meets alone.
        for (c, anchor) in anchors.into_iter().enumerate().take(used) {
            let mine = seg(c).max(b.windows.start)..seg(c + 1).min(b.windows.end);
            if !mine.is_empty() {
                let one = Chain { b, shift, at: seg(c) };
                one.slide::<T, R, FMA>(span, anchor, mine, bufs, &mut left, emit);
            }
        }
    }
    left
}

/// The anchors of segments `0..used` (the others empty). From each anchor's start to the next lie the runs
/// E₀, E₁, … (the last up to the first anchor's end), from each anchor's end to the next the runs F₀, F₁, …;
/// anchor c is Eₖ … then F₀ … Fₖ₋₁, merged in that order from suffix and prefix totals. E runs the lane's
/// last block folded as its F runs are taken from `carry`; this block's F runs are left there.
#[inline(always)]
fn anchors<T: Element, R: Slide, V: Vector, const FMA: bool>(
    span: &[T],
    b: &Block,
    seg: &impl Fn(usize) -> usize,
    used: usize,
    shift: f64,
    carry: &mut Option<Carried<R>>,
) -> [R; CHAINS] {
    let at = |i: usize| i * b.s - b.base;
    let e_starts: [usize; CHAINS] = std::array::from_fn(|c| at(seg(c)));
    let e_ends: [usize; CHAINS] =
        std::array::from_fn(|c| if c + 1 < CHAINS { at(seg(c + 1)) } else { at(seg(0)) + b.w });
    // Only the F runs some anchor needs: the others (which may lie past the span) fold E₀ again, unused.
    let needed = |c: usize| c + 1 < used;
    let f_starts = std::array::from_fn(|c| if needed(c) { at(seg(c)) + b.w } else { e_starts[0] });
    let f_ends = std::array::from_fn(|c| if needed(c) { at(seg(c + 1)) + b.w } else { e_ends[0] });
    let whole = |s: &[usize; CHAINS], e: &[usize; CHAINS], c: usize| b.base + s[c]..b.base + e[c];
    let kept = carry
        .take()
        .filter(|k| k.shift == shift.to_bits() && (0..CHAINS - 1).all(|c| k.ranges[c] == whole(&e_starts, &e_ends, c)));
    let (e, f) = match kept {
        Some(k) => {
            // One vector: the F runs, and the last E run in the lane the F runs leave free.
            let last = CHAINS - 1;
            let starts = std::array::from_fn(|c| if c < last { f_starts[c] } else { e_starts[last] });
            let ends = std::array::from_fn(|c| if c < last { f_ends[c] } else { e_ends[last] });
            let [r] = fold_runs::<T, R, V, FMA, 1>(span, [starts], [ends], shift);
            let e = std::array::from_fn(|c| if c < last { k.runs[c] } else { r[last] });
            let f = std::array::from_fn(|c| if c < last { r[c] } else { R::EMPTY });
            (e, f)
        }
        None => {
            let [e, f] = fold_runs::<T, R, V, FMA, 2>(span, [e_starts, f_starts], [e_ends, f_ends], shift);
            (e, f)
        }
    };
    if used == CHAINS {
        *carry = Some(Carried {
            ranges: std::array::from_fn(|c| whole(&f_starts, &f_ends, c)),
            shift: shift.to_bits(),
            runs: std::array::from_fn(|c| f[c]),
        });
    }

    let mut suffix = [R::EMPTY; CHAINS];
    suffix[CHAINS - 1] = e[CHAINS - 1];
    for c in (0..CHAINS - 1).rev() {
        suffix[c] = R::merge(&e[c], &suffix[c + 1]);
    }
    let mut out = [R::EMPTY; CHAINS];
    let mut prefix = R::EMPTY;
    for c in 0..used {
        if c > 0 {
            prefix = R::merge(&prefix, &f[c - 1]);
        }
        out[c] = R::merge(&suffix[c], &prefix);
    }
    out
}

/// The aggregate of each run `starts[g][c]..ends[g][c]` of `span`, pushed one element at a time in order:
/// the runs side by side (`G` vectors of them) while all go on, clean, then each alone, counting NaNs (a
/// run that met a NaN is redone alone from its start). So each is the same as pushing its run alone: the
/// bits do not depend on which runs share a vector.
#[inline(always)]
fn fold_runs<T: Element, R: Slide, V: Vector, const FMA: bool, const G: usize>(
    span: &[T],
    starts: [[usize; CHAINS]; G],
    ends: [[usize; CHAINS]; G],
    shift: f64,
) -> [[R; CHAINS]; G] {
    let runs = || (0..G).flat_map(|g| (0..CHAINS).map(move |c| (g, c)));
    for (g, c) in runs() {
        let (a, e) = (starts[g][c], ends[g][c]);
        assert!(a <= e && e <= span.len(), "a run {a}..{e} past its span");
    }
    let len = runs().map(|(g, c)| ends[g][c] - starts[g][c]).min().unwrap_or(0);
    let at: [[*const T; CHAINS]; G] = std::array::from_fn(|g| std::array::from_fn(|c| span[starts[g][c]..].as_ptr()));
    let mut acc = [R::gather::<V>(&[R::EMPTY; CHAINS]); G];
    for k in 0..len {
        for g in 0..G {
            // SAFETY: starts[g][c] + k < ends[g][c] ≤ span.len() for every run (checked above).
            let x = V::from_fn(|c| unsafe { *at[g][c].add(k) }.to_f64());
            R::push_chains::<V, FMA>(&mut acc[g], x, shift);
        }
    }
    // Loops, not closures: a closure does not take its caller's target features, so the vector reads in
    // `chain` would become calls.
    let mut out = [[R::EMPTY; CHAINS]; G];
    for g in 0..G {
        for c in 0..CHAINS {
            let mut one = R::chain::<V>(&acc[g], c, 0);
            let mut from = starts[g][c] + len;
            if !one.is_finite() {
                (one, from) = (R::EMPTY, starts[g][c]);
            }
            for &v in &span[from..ends[g][c]] {
                one.push(v, shift);
            }
            out[g][c] = one;
        }
    }
    out
}

/// All segments of a whole block, `q` windows each slid in lockstep, then the last segment's remainder
/// alone.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn lockstep<T: Element, R: Slide, V: Vector, const FMA: bool>(
    span: &[T],
    b: &Block,
    shift: f64,
    q: usize,
    anchors: [R; CHAINS],
    bufs: &mut Buffers<R>,
    left: &mut Vec<Range<usize>>,
    emit: &mut Emit,
) {
    let (w, s) = (b.w, b.s);
    let seg = |c: usize| if c == CHAINS { b.block.end } else { b.block.start + c * q };
    let last = seg(CHAINS - 1) + q;
    // Element offsets of each chain's first window (a chain that stops early then reads another's).
    let mut offs: [usize; CHAINS] = std::array::from_fn(|c| seg(c) * s - b.base);
    let mut all = R::gather::<V>(&anchors);
    let mut nans: [u64; CHAINS] = anchors.map(|a| a.nans());
    let mut alive = [true; CHAINS];
    let Buffers { held, nans: counts, values, one_held, one_nans, .. } = bufs;
    let mut t = 0;
    while t < q {
        if b.ctl.is_cancelled() {
            return;
        }
        let m = (q - t).min(STEPS);
        let (first, first_nans) = (all, nans);
        let per_chain: [u64; CHAINS] = std::array::from_fn(|c| w as u64 - nans[c]);
        let inv = V::from_fn(|c| 1.0 / per_chain[c] as f64);
        fill_chains::<T, R, V, FMA>(&mut all, &mut held[..m * CHAINS], span, &offs, t, w, s, shift, inv, &per_chain);
        // A chain no longer finite is redone alone, counting NaNs, window by window; from its first window
        // that is still not finite on, its segment is left to the caller.
        let mut written = [0; CHAINS];
        let mut redone = [false; CHAINS];
        for c in 0..CHAINS {
            if !alive[c] {
                continue;
            }
            written[c] = m;
            if R::chain::<V>(&all, c, nans[c]).is_finite() {
                continue;
            }
            redone[c] = true;
            let mut one = R::chain::<V>(&first, c, nans[c]);
            let at = offs[c] + t * s;
            let bad = fill::<T, R, false, FMA>(&mut one, &mut one_held[..m], &mut one_nans[..m], span, at, w, s, shift);
            for (k, (&h, &n)) in one_held[..m].iter().zip(&one_nans[..m]).enumerate() {
                held[k * CHAINS + c] = h;
                counts[k * CHAINS + c] = n;
            }
            if let Some(bad) = bad {
                written[c] = bad;
                alive[c] = false;
                left.push(seg(c) + t + bad..seg(c + 1));
            } else {
                R::set_chain::<V>(&mut all, c, &one);
                nans[c] = one.nans();
            }
        }
        let varying = redone.contains(&true) || first_nans.iter().any(|&n| n > 0);
        if varying {
            // The chains that stayed clean kept their count all through the batch.
            for c in (0..CHAINS).filter(|&c| !redone[c]) {
                for k in 0..m {
                    counts[k * CHAINS + c] = first_nans[c];
                }
            }
        }
        let n = m * CHAINS;
        R::finish(&held[..n], varying.then_some(&counts[..n]), w, b.stat, b.nan, &mut values[..n]);
        for c in (0..CHAINS).filter(|&c| written[c] > 0) {
            emit(seg(c) + t, &values[c..(written[c] - 1) * CHAINS + c + 1], CHAINS);
        }
        // A chain that stopped follows a live one from now on (its lane must stay finite, or every step
        // would take the slow paths); its values are never written.
        let Some(live) = alive.iter().position(|&a| a) else { return };
        let follow = R::chain::<V>(&all, live, nans[live]);
        for c in 0..CHAINS {
            if !alive[c] && offs[c] != offs[live] {
                offs[c] = offs[live];
                R::set_chain::<V>(&mut all, c, &follow);
                nans[c] = nans[live];
            }
        }
        t += m;
        if t < q || (alive[CHAINS - 1] && last < b.block.end) {
            // Each chain on to its next window (after the last batch, only for the last chain's remainder).
            slide_chains_to::<T, R, V, FMA>(&mut all, span, &offs, t, w, s, shift);
        }
    }
    if alive[CHAINS - 1] && last < b.block.end {
        let one = Chain { b, shift, at: last };
        one.slide::<T, R, FMA>(
            span,
            R::chain::<V>(&all, CHAINS - 1, nans[CHAINS - 1]),
            last..b.block.end,
            bufs,
            left,
            emit,
        );
    }
}

/// One chain, slid from the aggregate of window `at` (its segment's first window, or where the lockstep
/// left it).
struct Chain<'b, 'a> {
    b: &'b Block<'a>,
    shift: f64,
    at: usize,
}

impl Chain<'_, '_> {
    /// Writes `windows` (within the segment, from `at` on), sliding `st` (window `at`'s aggregate) there
    /// first. Windows from the first whose aggregate is not finite on go to `left`. Inlined: its caller's
    /// target features (FMA) must reach its squares.
    #[inline(always)]
    fn slide<T: Element, R: Slide, const FMA: bool>(
        &self,
        span: &[T],
        mut st: R,
        windows: Range<usize>,
        bufs: &mut Buffers<R>,
        left: &mut Vec<Range<usize>>,
        emit: &mut Emit,
    ) {
        let (b, shift) = (self.b, self.shift);
        let (w, s) = (b.w, b.s);
        let start = |i: usize| i * s - b.base;
        for i in self.at..windows.start {
            slide_by::<T, R, false, FMA>(&mut st, span, start(i), w, s, shift);
        }
        let mut i = windows.start;
        let Buffers { held, nans, values, .. } = bufs;
        while i < windows.end {
            if b.ctl.is_cancelled() {
                return;
            }
            let m = (windows.end - i).min(BATCH);
            // Without NaN checks first; a NaN or an infinity makes the state non-finite for good, so the
            // batch's last state speaks for all of it. Then with them, from the batch's first state.
            let first = st;
            fill::<T, R, true, FMA>(&mut st, &mut held[..m], &mut nans[..m], span, start(i), w, s, shift);
            let mut good = m;
            let mut varying = first.nans() > 0;
            if !st.is_finite() {
                st = first;
                varying = true;
                let bad =
                    fill::<T, R, false, FMA>(&mut st, &mut held[..m], &mut nans[..m], span, start(i), w, s, shift);
                good = bad.unwrap_or(m);
            }
            if good > 0 {
                R::finish(&held[..good], varying.then_some(&nans[..good]), w, b.stat, b.nan, &mut values[..good]);
                emit(i, &values[..good], 1);
            }
            if good < m {
                left.push(i + good..windows.end);
                return;
            }
            i += m;
            if i < windows.end {
                slide_by::<T, R, false, FMA>(&mut st, span, start(i - 1), w, s, shift);
            }
        }
    }
}

/// Holds the windows of a batch (and their NaN counts), the first of which starts at `at` with aggregate
/// `st`, and leaves `st` at the batch's last window. Unless `CLEAN`, stops at the first window whose
/// aggregate is not finite and returns its place in the batch.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn fill<T: Element, R: Slide, const CLEAN: bool, const FMA: bool>(
    st: &mut R,
    held: &mut [f64],
    nans: &mut [u64],
    span: &[T],
    at: usize,
    w: usize,
    s: usize,
    shift: f64,
) -> Option<usize> {
    let m = held.len();
    if !CLEAN && !st.is_finite() {
        return Some(0);
    }
    held[0] = st.hold(w);
    nans[0] = st.nans();
    if s == 1 {
        // The common rolling case, with the element pairs read as two plain runs.
        let (old, new) = (&span[at..at + m - 1], &span[at + w..at + w + m - 1]);
        for (q, ((&n, &o), (h, c))) in new.iter().zip(old).zip(held[1..].iter_mut().zip(&mut nans[1..])).enumerate() {
            st.slide::<T, CLEAN, FMA>(n, o, shift);
            if !CLEAN && !st.is_finite() {
                return Some(q + 1);
            }
            *h = st.hold(w);
            *c = st.nans();
        }
    } else {
        for q in 1..m {
            slide_by::<T, R, CLEAN, FMA>(st, span, at + (q - 1) * s, w, s, shift);
            if !CLEAN && !st.is_finite() {
                return Some(q);
            }
            held[q] = st.hold(w);
            nans[q] = st.nans();
        }
    }
    None
}

/// [`fill`] of every chain, clean, in lockstep: `held[k · CHAINS + c]` for chain c's window t + k (chain c's
/// window 0 starting at `offs[c]`). `per_chain`: the non-NaN elements of each chain's windows (constant in
/// a clean batch), `inv` their reciprocals.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn fill_chains<T: Element, R: Slide, V: Vector, const FMA: bool>(
    all: &mut R::Chains<V>,
    held: &mut [f64],
    span: &[T],
    offs: &[usize; CHAINS],
    t: usize,
    w: usize,
    s: usize,
    shift: f64,
    inv: V,
    per_chain: &[u64; CHAINS],
) {
    let m = held.len() / CHAINS;
    // The state stays in registers; the loop's reads are checked once, here.
    let mut st = *all;
    held[..CHAINS].copy_from_slice(&hold::<R, V>(&st, inv, per_chain).to_array());
    if m > 1 {
        let top = offs.iter().max().copied().unwrap_or(0) + (t + m - 1) * s + w;
        assert!(top <= span.len(), "a chain slides past its span: {top} > {}", span.len());
        if s == 1 {
            let (old, new): ([*const T; CHAINS], [*const T; CHAINS]) = (
                std::array::from_fn(|c| span[offs[c] + t..].as_ptr()),
                std::array::from_fn(|c| span[offs[c] + t + w..].as_ptr()),
            );
            let mut rows = held.chunks_exact_mut(CHAINS).enumerate().skip(1);
            loop {
                // No call in this loop: with the rare exact finish inside it, the compiler kept the running
                // sums in memory rather than registers (std at w = 1e3, one thread: 94 → 81 ms, median of 7
                // alternated runs, with `two_diff`).
                let mut declined = None;
                for (k, h) in rows.by_ref() {
                    // SAFETY: offs[c] + t + w + k − 1 < top ≤ span.len() (checked above).
                    let new = V::from_fn(|c| unsafe { *new[c].add(k - 1) }.to_f64());
                    let old = V::from_fn(|c| unsafe { *old[c].add(k - 1) }.to_f64());
                    R::slide_chains::<V, FMA>(&mut st, new, old, shift);
                    match R::hold_chains(&st, inv) {
                        Some(v) => h.copy_from_slice(&v.to_array()),
                        None => {
                            declined = Some(h);
                            break;
                        }
                    }
                }
                let Some(h) = declined else { break };
                h.copy_from_slice(&R::hold_each(&st, per_chain).to_array());
            }
        } else {
            for k in 1..m {
                slide_chains_to::<T, R, V, FMA>(&mut st, span, offs, t + k, w, s, shift);
                held[k * CHAINS..(k + 1) * CHAINS].copy_from_slice(&hold::<R, V>(&st, inv, per_chain).to_array());
            }
        }
    }
    *all = st;
}

/// [`Slide::hold`] of every chain: the plain finish where every lane can take it, else each alone.
#[inline(always)]
fn hold<R: Slide, V: Vector>(all: &R::Chains<V>, inv: V, counts: &[u64; CHAINS]) -> V {
    match R::hold_chains(all, inv) {
        Some(v) => v,
        None => R::hold_each(all, counts),
    }
}

/// Moves every chain from its window `to − 1` to its window `to`: s elements enter at the end, s leave at
/// the start.
#[inline(always)]
fn slide_chains_to<T: Element, R: Slide, V: Vector, const FMA: bool>(
    all: &mut R::Chains<V>,
    span: &[T],
    offs: &[usize; CHAINS],
    to: usize,
    w: usize,
    s: usize,
    shift: f64,
) {
    let from = (to - 1) * s;
    let top = offs.iter().max().copied().unwrap_or(0) + from + s + w;
    assert!(top <= span.len(), "a chain slides past its span: {top} > {}", span.len());
    for e in from..from + s {
        // SAFETY: offs[c] + e + w < top ≤ span.len() for every chain (checked just above).
        let new = V::from_fn(|c| unsafe { span.get_unchecked(offs[c] + w + e) }.to_f64());
        let old = V::from_fn(|c| unsafe { span.get_unchecked(offs[c] + e) }.to_f64());
        R::slide_chains::<V, FMA>(all, new, old, shift);
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

/// [`slide_block`] with the portable vector whatever the CPU: the tests compare it with the one the CPU
/// picks.
#[cfg(test)]
pub(crate) fn slide_block_portable<T: Element, R: Slide>(
    span: &[T],
    b: &Block,
    bufs: &mut Buffers<R>,
    emit: &mut Emit,
) -> Vec<Range<usize>> {
    slide_block_with::<T, R, crate::num::simd::Portable, false>(span, b, bufs, emit)
}
