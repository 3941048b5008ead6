//! Min and max: the state the sliding strategy's scans carry for them, and a faster scan for step 1 over
//! NaN-free data.

use super::scan::Emit;
use super::scan::{fill_tails, Running, SUB};
use crate::exec::control::Control;
use crate::stat::partial::Partial;
use crate::Element;
use std::ops::Range;

/// Whether any element is NaN, in lanes the compiler can vectorise (no early exit). Not `stat::partial`'s `extrema`'s
/// NaN flag: its min and max on the side made max at w = 1e3 about 10% slower.
fn has_nan<T: Element>(x: &[T]) -> bool {
    let chunks = x.chunks_exact(8);
    let rest = chunks.remainder();
    let mut any = [false; 8];
    for c in chunks {
        for j in 0..8 {
            any[j] |= c[j].to_f64().is_nan();
        }
    }
    any.contains(&true) || rest.iter().any(|v| v.to_f64().is_nan())
}

/// The min (or, with `MAX`, the max) of the non-NaN elements, and the NaN count.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Extremum<const MAX: bool> {
    m: f64,
    nans: u64,
}

impl<const MAX: bool> Extremum<MAX> {
    /// The better of two values; a NaN `v` never wins (comparisons with NaN are false).
    #[inline(always)]
    fn pick(m: f64, v: f64) -> f64 {
        if MAX {
            if v > m {
                v
            } else {
                m
            }
        } else if v < m {
            v
        } else {
            m
        }
    }
}

impl<const MAX: bool> Running for Extremum<MAX> {
    const EMPTY: Self = Extremum { m: if MAX { f64::NEG_INFINITY } else { f64::INFINITY }, nans: 0 };

    #[inline(always)]
    fn push<T: Element>(&mut self, x: T, _: f64) {
        let v = x.to_f64();
        if T::MAY_BE_NAN {
            self.nans += v.is_nan() as u64;
        }
        self.m = Self::pick(self.m, v);
    }

    #[inline]
    fn merge(a: &Self, b: &Self) -> Self {
        Extremum { m: Self::pick(a.m, b.m), nans: a.nans + b.nans }
    }

    #[inline(always)]
    fn window(suffix: &Self, prefix: &Self, len: usize) -> Partial {
        let nans = suffix.nans + prefix.nans;
        let m = Self::pick(suffix.m, prefix.m);
        let mut p = Partial { count: len as u64 - nans, nans, ..Partial::EMPTY };
        if MAX {
            p.max = m;
        } else {
            p.min = m;
        }
        p
    }

    /// Step 1 over NaN-free windows: the scans' operations in their order ([`super::scan`]'s `scan`: the
    /// same tails, suffixes, prefix and picks, so the same bits), on plain f64 (no NaN counts, and a NaN-free
    /// window's value is its extremum), with each sub-chunk's values written as one run rather than one call
    /// a window. Not taken when a window holds a NaN (its value depends on the NaN policy).
    #[allow(clippy::too_many_arguments)]
    fn scan_clean<T: Element>(
        blk: &[T],
        next: &[T],
        first: usize,
        windows: Range<usize>,
        tails: &mut Vec<Self>,
        values: &mut [f64],
        ctl: &Control,
        emit: &mut Emit,
    ) -> bool {
        if windows.is_empty() {
            return true;
        }
        let w = blk.len();
        let last = first + windows.len() - 1;
        if T::MAY_BE_NAN && (has_nan(&blk[first..]) || has_nan(&next[..last])) {
            return false;
        }
        let subs = w.div_ceil(SUB);
        let (c_first, c_last) = (first / SUB, last / SUB);
        fill_tails(blk, c_first, 0.0, tails);
        let mut prefix = Self::EMPTY.m;
        for &v in &next[..first] {
            prefix = Self::pick(prefix, v.to_f64());
        }
        let (mut i, mut ppos) = (windows.start, first);
        for c in c_first..=c_last {
            if ctl.is_cancelled() {
                return true;
            }
            let top = ((c + 1) * SUB).min(w);
            let r0 = first + (i - windows.start);
            if r0 >= top {
                continue;
            }
            let m = (top - r0).min(windows.end - i);
            let mut acc = if subs > 1 { tails[subs - (c + 1)].m } else { Self::EMPTY.m };
            // Plain slices and locals: through the Vec, every step stored and reloaded the running values.
            let (suffixes, rest) = values.split_at_mut(top - r0);
            let out = &mut rest[..m];
            // suffixes[q]: from offset r0 + q to the block's end.
            for (s, &v) in suffixes.iter_mut().zip(&blk[r0..top]).rev() {
                acc = Self::pick(acc, v.to_f64());
                *s = acc;
            }
            for &v in &next[ppos..r0] {
                prefix = Self::pick(prefix, v.to_f64());
            }
            out[0] = Self::pick(suffixes[0], prefix);
            for ((o, &s), &v) in out[1..].iter_mut().zip(&suffixes[1..m]).zip(&next[r0..r0 + m - 1]) {
                prefix = Self::pick(prefix, v.to_f64());
                *o = Self::pick(s, prefix);
            }
            emit(i, out, 1);
            ppos = r0 + m - 1;
            i += m;
        }
        true
    }
}
