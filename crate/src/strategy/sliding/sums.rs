//! Σx as a running double-double: the sliding strategy's state for sum and mean.

use super::lockstep::{Slide, CHAINS};
use super::nan_count::{slide_nans, value_or};
use super::scan::{lanes_then_rest, Running, FOLD_LANES};
use crate::num::double_double::{add_difference, add_one, two_sum, DoubleDouble};
use crate::num::simd::{Arith, Vector, Wide};
use crate::stat::kind::{NanPolicy, Stat};
use crate::stat::partial::Partial;
use crate::Element;

/// Σx as a double-double, and the NaN count.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sums {
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
        let chunks = x.chunks_exact(FOLD_LANES);
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

/// The double-double sums (`hi`, `lo`) of [`FOLD_LANES`] interleaved lanes, as [`DoubleDouble::add_f64`] makes
/// them. Kept out of line: inlined into its callers, the compiler no longer vectorises it.
#[inline(never)]
fn lane_sums<T: Element>(chunks: std::slice::ChunksExact<'_, T>) -> ([f64; FOLD_LANES], [f64; FOLD_LANES]) {
    let (mut hi, mut lo) = (Wide::<FOLD_LANES>::splat(0.0), Wide::splat(0.0));
    for c in chunks {
        (hi, lo) = add_one(hi, lo, Wide::from_fn(|l| c[l].to_f64()));
    }
    (hi.0, lo.0)
}
