//! The van Herk / Gil-Werman scans, and the running aggregates they extend.

use crate::exec::control::Control;
use crate::stat::partial::Partial;
use crate::Element;
use std::ops::Range;

/// Where each batch of values goes: `emit(i, values, stride)` for windows i, i + 1, … taking every
/// `stride`-th value.
pub(crate) type Emit<'e> = dyn FnMut(usize, &[f64], usize) + 'e;

/// Offsets per sub-chunk: its stored suffixes (16–40 bytes each) stay in a core's L1 or L2 cache.
pub(crate) const SUB: usize = 1024;

/// The windows `windows` of block j (which starts at `base`), over `span` = block j and the part of block
/// j + 1 they reach. Calls `emit(i, partial)` for each window in order.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
pub(super) fn scan<T: Element, R: Running>(
    span: &[T],
    w: usize,
    s: usize,
    base: usize,
    windows: Range<usize>,
    shift: f64,
    (states, tails): (&mut Vec<R>, &mut Vec<R>),
    ctl: &Control,
    mut emit: impl FnMut(usize, Partial),
) {
    let (blk, next) = span.split_at(w);
    let first = windows.start * s - base;
    let subs = w.div_ceil(SUB);
    let (c_first, c_last) = (first / SUB, ((windows.end - 1) * s - base) / SUB);

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
    }
    debug_assert_eq!(i, windows.end);
}

/// `tails[subs − c]` = block `blk`'s aggregate from c·SUB to its end, for c from subs (the empty tail) down to
/// `c_first` + 1; nothing when the block is one sub-chunk. Shared by every scan, so they start from the same
/// bits.
pub(super) fn fill_tails<T: Element, R: Running>(blk: &[T], c_first: usize, shift: f64, tails: &mut Vec<R>) {
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
pub(super) fn shift_near<T: Element>(x: &[T], at: usize) -> f64 {
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

/// Independent accumulators of the fast folds, which the compiler can keep in vector registers.
pub(super) const FOLD_LANES: usize = 8;

/// `x` pushed onto [`FOLD_LANES`] states in turn, merged in a fixed order, then the remainder pushed.
pub(super) fn fold_lanes<T: Element, R: Running, const CLEAN: bool>(x: &[T], shift: f64) -> R {
    let mut acc = [R::EMPTY; FOLD_LANES];
    let chunks = x.chunks_exact(FOLD_LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for l in 0..FOLD_LANES {
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
pub(super) fn lanes_then_rest<T: Element, R: Running, const CLEAN: bool>(
    lanes: &[R; FOLD_LANES],
    rest: &[T],
    shift: f64,
) -> R {
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
