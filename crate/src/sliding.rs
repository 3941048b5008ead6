//! The sliding strategy, O(n + k) whatever the window and step.
//!
//! The input is cut into blocks of w elements, and each task takes the windows that start in one block.
//! Sum, mean, var and std of overlapping windows slide one running aggregate through the block's windows
//! ([`crate::running`]: the fastest way, one dependent addition a window). Everything else uses the van
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

use crate::arith::{Arith, Vector, Wide};
use crate::double_double::{add_difference, add_one, two_diff, two_square, two_square_fma, two_sum, DoubleDouble};
use crate::engine::view;
use crate::extremum::Extremum;
use crate::lanes::{chunk_len, for_each_index_with, simulate, ways_per_item, DisjointOut};
use crate::running::{slide_block, Block, Buffers, Emit, Slide, Slider, BUFFER_BYTES, CHAINS};
use crate::{Control, Element, Error, Execution, Job, NanPolicy, Partial, Stat, Windows};
use std::ops::Range;

/// Offsets per sub-chunk: its stored suffixes (16–40 bytes each) stay in a core's L1 or L2 cache.
pub(crate) const SUB: usize = 1024;

/// Runs the job with the sliding strategy. Allocates each lane's scratch first: a failed allocation is an
/// [`Error::OutOfMemory`] before any work starts.
pub(crate) fn sliding<T: Element>(
    input: &[T],
    out: &DisjointOut,
    job: &Job,
    exec: Execution,
    ctl: &Control,
) -> Result<(), Error> {
    match job.stat {
        Stat::Mean | Stat::Sum => run_with::<T, Sums>(input, out, job, exec, ctl, Some(slide_block::<T, Sums>)),
        Stat::Min => run_with::<T, Extremum<false>>(input, out, job, exec, ctl, None),
        Stat::Max => run_with::<T, Extremum<true>>(input, out, job, exec, ctl, None),
        Stat::Var | Stat::Std => run_with::<T, Moments>(input, out, job, exec, ctl, Some(slide_block::<T, Moments>)),
    }
}

/// An upper bound of the scratch bytes on `lanes` lanes (without [`crate::Access::Copy`]'s copies).
pub(crate) fn scratch_bytes(job: &Job, lanes: usize) -> u64 {
    let state = match job.stat {
        Stat::Mean | Stat::Sum => size_of::<Sums>(),
        Stat::Min | Stat::Max => size_of::<Extremum<false>>(),
        Stat::Var | Stat::Std => size_of::<Moments>(),
    };
    let plan = Plan::new(&job.windows, lanes);
    let values = if plan.s == 1 { 2 * SUB.min(plan.w) * 8 } else { 0 };
    (lanes * ((plan.states_cap() + plan.tails_cap()) * state + values + BUFFER_BYTES)) as u64
}

/// Per lane: the suffix states of one sub-chunk, the tails at a block's sub-chunk boundaries, and the
/// running sums' held-back windows.
struct Scratch<R> {
    states: Vec<R>,
    tails: Vec<R>,
    /// [`Running::scan_clean`]'s suffixes and values: two sub-chunks of f64 at step 1 (else empty).
    values: Vec<f64>,
    bufs: Buffers<R>,
}

/// The sliding strategy with states `R`: `slider` slides the overlapping windows of each block where `R`
/// can, the scans do the rest.
fn run_with<T: Element, R: Running>(
    input: &[T],
    out: &DisjointOut,
    job: &Job,
    exec: Execution,
    ctl: &Control,
    slider: Option<Slider<T, R>>,
) -> Result<(), Error> {
    let plan = Plan::new(&job.windows, exec.threads());
    let mut scratch = Vec::new();
    let bytes = scratch_bytes(job, exec.threads());
    let oom = || Error::OutOfMemory { what: "the sliding strategy's suffix states and held-back windows", bytes };
    scratch.try_reserve_exact(exec.threads()).map_err(|_| oom())?;
    for _ in 0..exec.threads() {
        let bufs = Buffers::new().map_err(|_| oom())?;
        let mut s = Scratch { states: Vec::new(), tails: Vec::new(), values: Vec::new(), bufs };
        s.states.try_reserve_exact(plan.states_cap()).map_err(|_| oom())?;
        let values = if plan.s == 1 { 2 * SUB.min(plan.w) } else { 0 };
        s.values.try_reserve_exact(values).map_err(|_| oom())?;
        s.values.resize(values, 0.0);
        s.tails.try_reserve_exact(plan.tails_cap()).map_err(|_| oom())?;
        scratch.push(s);
    }

    let chunk = chunk_len(plan.items(), 2 * plan.w, exec.threads(), !job.cost.is_zero());
    for_each_index_with(plan.items(), chunk, exec, ctl, &mut scratch, |scratch, t| {
        let (j, windows) = plan.piece(t);
        if windows.is_empty() {
            return;
        }
        let base = j * plan.w;
        let last = (windows.end - 1) * plan.s - base;
        let shift = if R::SHIFTED { shift_near(input, base + plan.w) } else { 0.0 };
        view(&input[base..base + plan.w + last], job.access, |span| {
            // SAFETY (both writes): the windows belong to this piece alone, and each piece is claimed by one
            // task.
            let mut emit = |i: usize, values: &[f64], stride: usize| {
                if job.cost.is_zero() {
                    unsafe { out.set_run(i, values, stride) };
                } else {
                    for (q, &v) in values.iter().step_by(stride).enumerate() {
                        simulate(job.cost, ctl);
                        unsafe { out.set(i + q, v) };
                    }
                }
            };
            // Overlapping windows slide running aggregates where the state can (sums, moments); the scans
            // do the rest: extrema, windows that do not overlap, and what follows an infinity.
            let left = match slider {
                Some(slide) if plan.s < plan.w => {
                    let (w, s, block) = (plan.w, plan.s, plan.block_windows(j));
                    let (stat, nan) = (job.stat, job.nan);
                    let b = Block { w, s, base, block, windows: windows.clone(), shift, stat, nan, ctl };
                    slide(span, &b, &mut scratch.bufs, &mut emit)
                }
                _ => vec![windows.clone()],
            };
            for r in left {
                let (blk, next) = span.split_at(plan.w);
                let (tails, values) = (&mut scratch.tails, &mut scratch.values);
                if plan.s == 1 && R::scan_clean(blk, next, r.start - base, r.clone(), tails, values, ctl, &mut emit) {
                    continue;
                }
                scan::<T, R>(span, &plan, base, r, shift, scratch, ctl, |i, p| {
                    emit(i, &[p.finish(job.stat, job.nan)], 1)
                });
            }
        });
    });
    Ok(())
}

/// The block grid and how its windows split into tasks.
struct Plan {
    w: usize,
    s: usize,
    k: usize,
    /// Blocks that hold at least one window start.
    blocks: usize,
    /// Pieces per block (more than 1 only when there are fewer blocks than lanes).
    ways: usize,
}

impl Plan {
    fn new(windows: &Windows, lanes: usize) -> Plan {
        let (w, s, k) = (windows.size(), windows.step(), windows.count());
        let blocks = windows.start(k - 1) / w + 1;
        let ways = ways_per_item(blocks, crate::Execution::with_threads(lanes.max(1)).expect("lanes >= 1"));
        Plan { w, s, k, blocks, ways }
    }
    fn items(&self) -> usize {
        self.blocks * self.ways
    }
    /// The windows whose start lies in block j.
    fn windows_in(&self, j: usize) -> Range<usize> {
        let r = self.block_windows(j);
        r.start..r.end.min(self.k)
    }
    /// [`Plan::windows_in`] as if the input went on past the job's last window.
    fn block_windows(&self, j: usize) -> Range<usize> {
        (j * self.w).div_ceil(self.s)..((j + 1) * self.w).div_ceil(self.s)
    }
    /// Task t: its block, and its share of the block's windows.
    fn piece(&self, t: usize) -> (usize, Range<usize>) {
        let (j, p) = (t / self.ways, t % self.ways);
        let r = self.windows_in(j);
        let len = r.len();
        (j, r.start + len * p / self.ways..r.start + len * (p + 1) / self.ways)
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
}

/// The windows `windows` of block j (which starts at `base`), over `span` = block j and the part of block
/// j + 1 they reach. Calls `emit(i, partial)` for each window in order.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn scan<T: Element, R: Running>(
    span: &[T],
    plan: &Plan,
    base: usize,
    windows: Range<usize>,
    shift: f64,
    scratch: &mut Scratch<R>,
    ctl: &Control,
    mut emit: impl FnMut(usize, Partial),
) {
    let (w, s) = (plan.w, plan.s);
    let (blk, next) = span.split_at(w);
    let first = windows.start * s - base;
    let subs = w.div_ceil(SUB);
    let (c_first, c_last) = (first / SUB, ((windows.end - 1) * s - base) / SUB);

    let tails = &mut scratch.tails;
    fill_tails(blk, c_first, shift, tails);

    let mut prefix = R::EMPTY;
    for &v in &next[..first] {
        prefix.push(v, shift);
    }
    let mut ppos = first;
    let mut i = windows.start;
    for c in c_first..=c_last {
        if ctl.is_cancelled() {
            return;
        }
        let top = ((c + 1) * SUB).min(w);
        let r0 = i * s - base;
        if r0 >= top {
            continue;
        }
        let m = (top - r0).div_ceil(s).min(windows.end - i);
        let mut acc = if subs > 1 { tails[subs - (c + 1)] } else { R::EMPTY };
        let states = &mut scratch.states;
        states.clear();
        if s == 1 {
            for &v in blk[r0..top].iter().rev() {
                acc.push(v, shift);
                states.push(acc);
            }
            // states[top − 1 − r] is the suffix from offset r; the piece's windows may stop before `top`.
            let st = &states[(top - r0) - m..];
            for &v in &next[ppos..r0] {
                prefix.push(v, shift);
            }
            emit(i, R::window(&st[m - 1], &prefix, w));
            for (q, &v) in next[r0..r0 + m - 1].iter().enumerate() {
                prefix.push(v, shift);
                emit(i + q + 1, R::window(&st[m - 2 - q], &prefix, w));
            }
            ppos = r0 + m - 1;
        } else {
            let mut pos = top;
            for q in (0..m).rev() {
                let r = r0 + q * s;
                for &v in blk[r..pos].iter().rev() {
                    acc.push(v, shift);
                }
                pos = r;
                states.push(acc);
            }
            for q in 0..m {
                let r = r0 + q * s;
                for &v in &next[ppos..r] {
                    prefix.push(v, shift);
                }
                ppos = r;
                emit(i + q, R::window(&states[m - 1 - q], &prefix, w));
            }
        }
        i += m;
        ctl.finished(m);
    }
    debug_assert_eq!(i, windows.end);
}

/// `tails[subs − c]` = block `blk`'s aggregate from c·SUB to its end, for c from subs (the empty tail) down to
/// `c_first` + 1; nothing when the block is one sub-chunk. Shared by every scan, so they start from the same
/// bits.
pub(crate) fn fill_tails<T: Element, R: Running>(blk: &[T], c_first: usize, shift: f64, tails: &mut Vec<R>) {
    let (w, subs) = (blk.len(), blk.len().div_ceil(SUB));
    tails.clear();
    if subs > 1 {
        let mut tail = R::EMPTY;
        tails.push(tail);
        for c in (c_first + 1..subs).rev() {
            tail = R::merge(&R::fold(&blk[c * SUB..((c + 1) * SUB).min(w)], shift), &tail);
            tails.push(tail);
        }
    }
}

/// A value of the data next to `at` (the first finite element from `at` on, else the last before it, else
/// 0): the shift c of the var/std sums, the same for every window of a block pair.
fn shift_near<T: Element>(x: &[T], at: usize) -> f64 {
    let finite = |v: &T| Some(v.to_f64()).filter(|f| f.is_finite());
    x[at.min(x.len())..]
        .iter()
        .find_map(finite)
        .or_else(|| x[..at.min(x.len())].iter().rev().find_map(finite))
        .unwrap_or(0.0)
}

/// A running aggregate that the scans extend one element at a time.
pub(crate) trait Running: Copy + Send + Sync {
    const EMPTY: Self;
    /// Whether the elements are taken as x − c ([`shift_near`]).
    const SHIFTED: bool = false;
    /// Whether [`Running::fold`] first tries a pass without NaN checks ([`Running::push_clean`]), redone
    /// with them only if it ends non-finite.
    const CLEAN_FIRST: bool = false;
    /// Adds one element (a suffix grows backwards, a prefix forwards; the state does not care).
    fn push<T: Element>(&mut self, x: T, shift: f64);
    /// [`Running::push`] of an element known not to be NaN (a NaN makes the state non-finite instead).
    #[inline(always)]
    fn push_clean<T: Element>(&mut self, x: T, shift: f64) {
        self.push(x, shift)
    }
    /// Whether the state holds no infinity or NaN (so no NaN was pushed clean).
    fn is_finite(&self) -> bool {
        true
    }
    /// [`fold_lanes`] without NaN checks (overridden where a hand-laid loop vectorises better).
    #[inline]
    fn fold_clean<T: Element>(x: &[T], shift: f64) -> Self {
        fold_lanes::<T, Self, true>(x, shift)
    }
    /// The aggregate of a run in one fast pass (independent accumulators): a sub-chunk's share of a tail,
    /// a sliding block's anchor. With no NaN, both passes give the same bits.
    #[inline]
    fn fold<T: Element>(x: &[T], shift: f64) -> Self {
        if Self::CLEAN_FIRST {
            let total = Self::fold_clean(x, shift);
            if !T::MAY_BE_NAN || total.is_finite() {
                return total;
            }
        }
        fold_lanes::<T, Self, false>(x, shift)
    }
    /// The aggregate of two adjacent runs.
    fn merge(a: &Self, b: &Self) -> Self;
    /// The window made of a suffix and a prefix, `len` elements in all.
    fn window(suffix: &Self, prefix: &Self, len: usize) -> Partial;
    /// The scans' `windows` at step 1 (window i is `blk[i − windows.start + first..]` then `next[..that]`),
    /// where the state has a faster way to the same bits (min and max over NaN-free data): their values
    /// written through `emit`, and true. False, having written nothing: the caller scans them.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn scan_clean<T: Element>(
        _blk: &[T],
        _next: &[T],
        _first: usize,
        _windows: Range<usize>,
        _tails: &mut Vec<Self>,
        _values: &mut [f64],
        _ctl: &Control,
        _emit: &mut Emit,
    ) -> bool {
        false
    }
}

/// Lanes of the fast folds: independent accumulators the compiler can keep in vector registers.
const LANES: usize = 8;

/// The double-double sums (`hi`, `lo`) of [`LANES`] interleaved lanes, as [`DoubleDouble::add_f64`] makes
/// them. Kept out of line: inlined into its callers, the compiler no longer vectorises it.
#[inline(never)]
fn lane_sums<T: Element>(chunks: std::slice::ChunksExact<'_, T>) -> ([f64; LANES], [f64; LANES]) {
    let (mut hi, mut lo) = (Wide::<LANES>::splat(0.0), Wide::splat(0.0));
    for c in chunks {
        (hi, lo) = add_one(hi, lo, Wide::from_fn(|l| c[l].to_f64()));
    }
    (hi.0, lo.0)
}

/// [`lane_sums`] for [`Moments`]: Σd's and Σd²'s `hi` and `lo` per lane, d = x − shift, as
/// [`Moments::push_clean`] makes them.
#[inline(never)]
fn lane_moments<T: Element>(chunks: std::slice::ChunksExact<'_, T>, shift: f64) -> [[f64; LANES]; 4] {
    let mut all = [Wide::<LANES>::splat(0.0); 4];
    let c0 = Wide::splat(shift);
    for c in chunks {
        all = push_moments::<Wide<LANES>, false>(all, Wide::from_fn(|l| c[l].to_f64()) - c0);
    }
    all.map(|v| v.0)
}

/// `x` pushed onto [`LANES`] states in turn, merged in a fixed order, then the remainder pushed.
fn fold_lanes<T: Element, R: Running, const CLEAN: bool>(x: &[T], shift: f64) -> R {
    let mut acc = [R::EMPTY; LANES];
    let chunks = x.chunks_exact(LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for l in 0..LANES {
            if CLEAN {
                acc[l].push_clean(c[l], shift);
            } else {
                acc[l].push(c[l], shift);
            }
        }
    }
    lanes_then_rest::<T, R, CLEAN>(&acc, rest, shift)
}

/// The lanes of a fold merged in their fixed order, then the elements left over pushed.
fn lanes_then_rest<T: Element, R: Running, const CLEAN: bool>(lanes: &[R; LANES], rest: &[T], shift: f64) -> R {
    let mut total = lanes.iter().fold(R::EMPTY, |a, b| R::merge(&a, b));
    for &v in rest {
        if CLEAN {
            total.push_clean(v, shift);
        } else {
            total.push(v, shift);
        }
    }
    total
}

/// An element as f64, NaN replaced by `zero` and counted.
#[inline(always)]
fn value_or<T: Element>(x: T, zero: f64, nans: &mut u64) -> (f64, bool) {
    let v = x.to_f64();
    if T::MAY_BE_NAN {
        let nan = v.is_nan();
        *nans += nan as u64;
        (if nan { zero } else { v }, nan)
    } else {
        (v, false)
    }
}

/// The entering and the leaving value of a slide with NaN replaced by 0, and `nans` moved by the NaN that
/// enters and the one that leaves (`old` was counted when it entered, so the count never goes below 0).
#[inline(always)]
fn slide_nans(nans: &mut u64, new: f64, old: f64) -> (f64, f64) {
    let (nn, on) = (new.is_nan(), old.is_nan());
    *nans = *nans + nn as u64 - on as u64;
    (if nn { 0.0 } else { new }, if on { 0.0 } else { old })
}

/// Σx as a double-double, and the NaN count.
#[derive(Debug, Clone, Copy)]
struct Sums {
    sum: DoubleDouble,
    nans: u64,
}

impl Running for Sums {
    const EMPTY: Sums = Sums { sum: DoubleDouble::ZERO, nans: 0 };

    #[inline(always)]
    fn push<T: Element>(&mut self, x: T, _: f64) {
        let (v, _) = value_or(x, 0.0, &mut self.nans);
        self.sum = self.sum.add_f64(v);
    }

    const CLEAN_FIRST: bool = true;

    #[inline(always)]
    fn push_clean<T: Element>(&mut self, x: T, _: f64) {
        self.sum = self.sum.add_f64(x.to_f64());
    }

    /// [`fold_lanes`]'s clean pass with the lanes' `hi` and `lo` in arrays of their own, which vectorise
    /// (the same operations in the same order, so the same bits).
    fn fold_clean<T: Element>(x: &[T], _: f64) -> Sums {
        let chunks = x.chunks_exact(LANES);
        let rest = chunks.remainder();
        let (hi, lo) = lane_sums(chunks);
        let lanes = std::array::from_fn(|l| Sums { sum: DoubleDouble { hi: hi[l], lo: lo[l] }, nans: 0 });
        lanes_then_rest::<T, Sums, true>(&lanes, rest, 0.0)
    }

    #[inline(always)]
    fn is_finite(&self) -> bool {
        self.sum.hi.is_finite() && self.sum.lo.is_finite()
    }

    #[inline]
    fn merge(a: &Sums, b: &Sums) -> Sums {
        Sums { sum: a.sum.add(b.sum), nans: a.nans + b.nans }
    }

    #[inline(always)]
    fn window(suffix: &Sums, prefix: &Sums, len: usize) -> Partial {
        // hi + hi exactly, then every error term, then one rounding.
        let (hi, e) = two_sum(suffix.sum.hi, prefix.sum.hi);
        let sum = if hi.is_finite() { hi + (e + (suffix.sum.lo + prefix.sum.lo)) } else { hi };
        let nans = suffix.nans + prefix.nans;
        Partial { count: len as u64 - nans, nans, sum, ..Partial::EMPTY }
    }
}

impl Slide for Sums {
    #[inline(always)]
    fn slide<T: Element, const CLEAN: bool, const FMA: bool>(&mut self, new: T, old: T, _: f64) {
        let (mut n, mut o) = (new.to_f64(), old.to_f64());
        if T::MAY_BE_NAN && !CLEAN {
            (n, o) = slide_nans(&mut self.nans, n, o);
        }
        self.sum = self.sum.add_difference(n, o);
    }

    /// The window's sum, rounded once.
    #[inline(always)]
    fn hold(&self, _: usize) -> f64 {
        self.sum.hi + self.sum.lo
    }

    #[inline(always)]
    fn nans(&self) -> u64 {
        self.nans
    }

    #[inline(always)]
    fn finish(held: &[f64], nans: Option<&[u64]>, len: usize, stat: Stat, nan: NanPolicy, out: &mut [f64]) {
        match nans {
            // No NaN: `Partial::finish`'s division, in a loop that vectorises.
            None if stat == Stat::Mean => {
                let n = len as f64;
                for (o, &sum) in out.iter_mut().zip(held) {
                    *o = sum / n;
                }
            }
            None => out.copy_from_slice(held),
            Some(nans) => {
                for ((o, &sum), &nans) in out.iter_mut().zip(held).zip(nans) {
                    *o = Partial { count: len as u64 - nans, nans, sum, ..Partial::EMPTY }.finish(stat, nan);
                }
            }
        }
    }

    /// `hi` and `lo` of each chain.
    type Chains<V: Vector> = [V; 2];

    #[inline(always)]
    fn gather<V: Vector>(chains: &[Sums; CHAINS]) -> [V; 2] {
        [V::from_fn(|c| chains[c].sum.hi), V::from_fn(|c| chains[c].sum.lo)]
    }

    #[inline(always)]
    fn chain<V: Vector>(all: &[V; 2], c: usize, nans: u64) -> Sums {
        Sums { sum: DoubleDouble { hi: all[0].to_array()[c], lo: all[1].to_array()[c] }, nans }
    }

    #[inline(always)]
    fn set_chain<V: Vector>(all: &mut [V; 2], c: usize, one: &Sums) {
        *all = [all[0].with(c, one.sum.hi), all[1].with(c, one.sum.lo)];
    }

    #[inline(always)]
    fn push_chains<V: Vector, const FMA: bool>(all: &mut [V; 2], x: V, _: f64) {
        let (hi, lo) = add_one(all[0], all[1], x);
        *all = [hi, lo];
    }

    #[inline(always)]
    fn slide_chains<V: Vector, const FMA: bool>(all: &mut [V; 2], new: V, old: V, _: f64) {
        let (hi, lo) = add_difference(all[0], all[1], new, old);
        *all = [hi, lo];
    }

    #[inline(always)]
    fn hold_chains<V: Vector>(all: &[V; 2], _: V) -> Option<V> {
        Some(all[0] + all[1])
    }

    #[inline(always)]
    fn hold_each<V: Vector>(all: &[V; 2], _: &[u64; CHAINS]) -> V {
        all[0] + all[1]
    }
}

/// Σd and Σd² of d = x − c as double-doubles, and the NaN count.
#[derive(Debug, Clone, Copy)]
struct Moments {
    s1: DoubleDouble,
    s2: DoubleDouble,
    nans: u64,
}

impl Running for Moments {
    const EMPTY: Moments = Moments { s1: DoubleDouble::ZERO, s2: DoubleDouble::ZERO, nans: 0 };
    const SHIFTED: bool = true;

    #[inline(always)]
    fn push<T: Element>(&mut self, x: T, shift: f64) {
        let (v, nan) = value_or(x, shift, &mut self.nans);
        let d = v - shift;
        self.add_d(if nan { 0.0 } else { d });
    }

    const CLEAN_FIRST: bool = true;

    /// [`fold_lanes`]'s clean pass in arrays per field, which vectorise (the same bits).
    fn fold_clean<T: Element>(x: &[T], shift: f64) -> Moments {
        let chunks = x.chunks_exact(LANES);
        let rest = chunks.remainder();
        let [h1, l1, h2, l2] = lane_moments(chunks, shift);
        let lanes = std::array::from_fn(|l| Moments {
            s1: DoubleDouble { hi: h1[l], lo: l1[l] },
            s2: DoubleDouble { hi: h2[l], lo: l2[l] },
            nans: 0,
        });
        lanes_then_rest::<T, Moments, true>(&lanes, rest, shift)
    }

    #[inline(always)]
    fn push_clean<T: Element>(&mut self, x: T, shift: f64) {
        self.add_d(x.to_f64() - shift);
    }

    #[inline(always)]
    fn is_finite(&self) -> bool {
        self.s1.hi.is_finite() && self.s1.lo.is_finite() && self.s2.hi.is_finite() && self.s2.lo.is_finite()
    }

    #[inline]
    fn merge(a: &Moments, b: &Moments) -> Moments {
        Moments { s1: a.s1.add(b.s1), s2: a.s2.add(b.s2), nans: a.nans + b.nans }
    }

    #[inline]
    fn window(suffix: &Moments, prefix: &Moments, len: usize) -> Partial {
        Moments::partial(suffix.s1.add(prefix.s1), suffix.s2.add(prefix.s2), suffix.nans + prefix.nans, len)
    }
}

impl Moments {
    /// Adds one shifted element d to Σd and Σd².
    #[inline(always)]
    fn add_d(&mut self, d: f64) {
        let [h1, l1, h2, l2] = push_moments::<f64, false>([self.s1.hi, self.s1.lo, self.s2.hi, self.s2.lo], d);
        (self.s1, self.s2) = (DoubleDouble { hi: h1, lo: l1 }, DoubleDouble { hi: h2, lo: l2 });
    }

    /// The partial of a window of `len` elements, `nans` of them NaN, with sums Σd = s1 and Σd² = s2.
    #[inline]
    fn partial(s1: DoubleDouble, s2: DoubleDouble, nans: u64, len: usize) -> Partial {
        let count = len as u64 - nans;
        Partial { count, nans, m2: Moments::m2(s1, s2, count), ..Partial::EMPTY }
    }

    /// M2 = Σd² − (Σd)²/n of `count` elements (0 when there are none). When the shift is close to the
    /// window's mean, (Σd)²/n is at most Σd²/8 and plain f64 loses nothing: within 3u of the exact M2
    /// (u·Σd² ≤ 8/7·u·M2 from rounding Σd², 5u of (Σd)²/n ≤ M2/7, u from the difference). Otherwise the
    /// difference is taken in double-double, whose 106 bits absorb the cancellation (and give exactly 0 for
    /// a flat window).
    #[inline(always)]
    fn m2(s1: DoubleDouble, s2: DoubleDouble, count: u64) -> f64 {
        if count == 0 {
            return 0.0;
        }
        let (a, b) = (s1.value(), s2.value());
        let t = a * (a * (1.0 / count as f64));
        let m2 = if t <= 0.125 * b { b - t } else { Moments::m2_cancelling(s1, s2, count) };
        // Rounding can leave a tiny negative; a NaN (from an infinity) stays NaN.
        if m2 < 0.0 {
            0.0
        } else {
            m2
        }
    }

    /// [`Moments::m2`]'s double-double difference, out of the hot loops (few windows need it).
    #[cold]
    #[inline(never)]
    fn m2_cancelling(s1: DoubleDouble, s2: DoubleDouble, count: u64) -> f64 {
        s2.add(s1.mul(s1.div_f64(count as f64)).neg()).value()
    }
}

impl Slide for Moments {
    #[inline(always)]
    fn slide<T: Element, const CLEAN: bool, const FMA: bool>(&mut self, new: T, old: T, shift: f64) {
        let (mut dn, mut d_o) = (new.to_f64() - shift, old.to_f64() - shift);
        if T::MAY_BE_NAN && !CLEAN {
            (dn, d_o) = slide_nans(&mut self.nans, dn, d_o);
        }
        let [h1, l1, h2, l2] = slide_moments::<f64, FMA>([self.s1.hi, self.s1.lo, self.s2.hi, self.s2.lo], dn, d_o);
        (self.s1, self.s2) = (DoubleDouble { hi: h1, lo: l1 }, DoubleDouble { hi: h2, lo: l2 });
    }

    /// The anchor window's mean: the block's windows then have (Σd)²/n small beside Σd², so most take the
    /// plain f64 finish ([`Moments::partial`]). Its rounding does not matter (any c is a valid shift), and
    /// x − c stays exact wherever x and c are within a factor 2 (an offset signal).
    fn shift_for<T: Element>(anchor: &[T], fallback: f64) -> f64 {
        let chunks = anchor.chunks_exact(LANES);
        let rest = chunks.remainder();
        let mut acc = [0.0; LANES];
        for c in chunks {
            acc = std::array::from_fn(|l| acc[l] + c[l].to_f64());
        }
        let sum = acc.iter().sum::<f64>() + rest.iter().map(|v| v.to_f64()).sum::<f64>();
        let mean = sum / anchor.len() as f64;
        if mean.is_finite() {
            mean
        } else {
            fallback
        }
    }

    /// The window's M2, final: the batch then only divides (and takes square roots), vectorised.
    #[inline(always)]
    fn hold(&self, len: usize) -> f64 {
        Moments::m2(self.s1, self.s2, len as u64 - self.nans)
    }

    #[inline(always)]
    fn nans(&self) -> u64 {
        self.nans
    }

    #[inline(always)]
    fn finish(held: &[f64], nans: Option<&[u64]>, len: usize, stat: Stat, nan: NanPolicy, out: &mut [f64]) {
        match nans {
            // No NaN: `Partial::finish`'s division (and root), in a loop that vectorises.
            None => {
                let n = len as f64;
                for (o, &m2) in out.iter_mut().zip(held) {
                    let var = m2 / n;
                    *o = if stat == Stat::Std { var.sqrt() } else { var };
                }
            }
            Some(nans) => {
                for ((o, &m2), &nans) in out.iter_mut().zip(held).zip(nans) {
                    *o = Partial { count: len as u64 - nans, nans, m2, ..Partial::EMPTY }.finish(stat, nan);
                }
            }
        }
    }

    /// `hi` and `lo` of Σd, then of Σd², of each chain.
    type Chains<V: Vector> = [V; 4];

    #[inline(always)]
    fn gather<V: Vector>(chains: &[Moments; CHAINS]) -> [V; 4] {
        [
            V::from_fn(|c| chains[c].s1.hi),
            V::from_fn(|c| chains[c].s1.lo),
            V::from_fn(|c| chains[c].s2.hi),
            V::from_fn(|c| chains[c].s2.lo),
        ]
    }

    // `chain` and `set_chain` name each field rather than map over them: a closure does not take its
    // caller's target features, and its vector reads became calls.
    #[inline(always)]
    fn chain<V: Vector>(all: &[V; 4], c: usize, nans: u64) -> Moments {
        let (h1, l1) = (all[0].to_array()[c], all[1].to_array()[c]);
        let (h2, l2) = (all[2].to_array()[c], all[3].to_array()[c]);
        Moments { s1: DoubleDouble { hi: h1, lo: l1 }, s2: DoubleDouble { hi: h2, lo: l2 }, nans }
    }

    #[inline(always)]
    fn set_chain<V: Vector>(all: &mut [V; 4], c: usize, one: &Moments) {
        *all = [
            all[0].with(c, one.s1.hi),
            all[1].with(c, one.s1.lo),
            all[2].with(c, one.s2.hi),
            all[3].with(c, one.s2.lo),
        ];
    }

    #[inline(always)]
    fn push_chains<V: Vector, const FMA: bool>(all: &mut [V; 4], x: V, shift: f64) {
        *all = push_moments::<V, FMA>(*all, x - V::splat(shift));
    }

    #[inline(always)]
    fn slide_chains<V: Vector, const FMA: bool>(all: &mut [V; 4], new: V, old: V, shift: f64) {
        let c = V::splat(shift);
        *all = slide_moments::<V, FMA>(*all, new - c, old - c);
    }

    /// [`Moments::m2`] of each chain: the f64 finish in every lane at once when all can take it.
    #[inline(always)]
    fn hold_chains<V: Vector>(all: &[V; 4], inv: V) -> Option<V> {
        let (a, b) = (all[0] + all[1], all[2] + all[3]);
        let t = a * (a * inv);
        if t.all_le(b * V::splat(0.125)) {
            Some((b - t).negative_to_zero())
        } else {
            None
        }
    }

    #[inline(always)]
    fn hold_each<V: Vector>(all: &[V; 4], counts: &[u64; CHAINS]) -> V {
        let [h1, l1, h2, l2] = [all[0].to_array(), all[1].to_array(), all[2].to_array(), all[3].to_array()];
        V::from_fn(|c| {
            let (s1, s2) = (DoubleDouble { hi: h1[c], lo: l1[c] }, DoubleDouble { hi: h2[c], lo: l2[c] });
            Moments::m2(s1, s2, counts[c])
        })
    }
}

/// Σd's and Σd²'s `hi` and `lo` after d is added: d² exactly (p + e), so that a window of equal values has
/// M2 exactly 0, not d²'s rounding; the square's error into `lo` first, then the square into `hi`.
#[inline(always)]
fn push_moments<A: Arith, const FMA: bool>([h1, l1, h2, l2]: [A; 4], d: A) -> [A; 4] {
    let (h1, l1) = add_one(h1, l1, d);
    let (p, e) = if FMA { two_square_fma(d) } else { two_square(d) };
    let (h2, l2) = add_one(h2, l2 + e, p);
    [h1, l1, h2, l2]
}

/// Σd's and Σd²'s `hi` and `lo` after `dn` enters and `d_o` leaves: Σd by [`add_difference`]; Σd² by both
/// squares exactly (p + e), their difference exactly, then into `hi` exactly.
#[inline(always)]
fn slide_moments<A: Arith, const FMA: bool>([h1, l1, h2, l2]: [A; 4], dn: A, d_o: A) -> [A; 4] {
    let (h1, l1) = add_difference(h1, l1, dn, d_o);
    let (pn, en) = if FMA { two_square_fma(dn) } else { two_square(dn) };
    let (po, eo) = if FMA { two_square_fma(d_o) } else { two_square(d_o) };
    let (b, e3) = two_diff(pn, po);
    let (hi, e4) = two_sum(h2, b);
    [h1, l1, hi, l2 + ((e3 + (en - eo)) + e4)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::running::slide_block_portable;

    /// Every window of a block by `slider`, with the windows left to the scans marked NaN.
    fn block_values<R: Slide>(x: &[f64], w: usize, stat: Stat, slider: Slider<f64, R>) -> Vec<f64> {
        let ctl = Control::new();
        let mut bufs = Buffers::new().unwrap();
        let (blocks, k) = (x.len() / w - 1, x.len() - w + 1);
        let mut out = vec![f64::NAN; k];
        for j in 0..blocks {
            let (base, block) = (j * w, j * w..(j + 1) * w);
            let b = Block {
                w,
                s: 1,
                base,
                block: block.clone(),
                windows: block,
                shift: 0.0,
                stat,
                nan: NanPolicy::Skip,
                ctl: &ctl,
            };
            let mut emit = |i: usize, values: &[f64], stride: usize| {
                for (q, &v) in values.iter().step_by(stride).enumerate() {
                    out[i + q] = v;
                }
            };
            slider(&x[base..base + 2 * w], &b, &mut bufs, &mut emit);
        }
        out
    }

    #[test]
    fn the_cpus_vector_and_the_portable_one_give_the_same_bits() {
        let mut x: Vec<f64> = (0..20_000).map(|i| 1e6 + ((i * 7_919) % 1_000) as f64 * 0.37).collect();
        x[2_345] = f64::NAN;
        x[7_001] = f64::INFINITY;
        for w in [64, 1_000, 1_003] {
            for stat in [Stat::Mean, Stat::Var] {
                let (fast, portable) = if stat == Stat::Mean {
                    (
                        block_values::<Sums>(&x, w, stat, slide_block::<f64, Sums>),
                        block_values::<Sums>(&x, w, stat, slide_block_portable::<f64, Sums>),
                    )
                } else {
                    (
                        block_values::<Moments>(&x, w, stat, slide_block::<f64, Moments>),
                        block_values::<Moments>(&x, w, stat, slide_block_portable::<f64, Moments>),
                    )
                };
                assert!(
                    fast.iter().filter(|v| v.is_finite()).count() > fast.len() / 2,
                    "w {w} {stat}: most windows slide"
                );
                for (i, (a, b)) in fast.iter().zip(&portable).enumerate() {
                    assert_eq!(a.to_bits(), b.to_bits(), "w {w} {stat} window {i}: {a} vs {b}");
                }
            }
        }
    }
}
