//! Partial aggregates of moments and extrema, which merge associatively.
//!
//! A [`Partial`] summarises a run of elements: how many, how many NaN, their sum, min, max and M2 (the sum of
//! squared deviations from their own mean). Two partials merge with Chan et al.'s formula, so var and std come
//! from the same single pass as the mean, and the blocked strategy can build a window from its blocks.

use super::kind::{NanPolicy, Stat};
use crate::num::pairwise::{pairwise_sum_split, split_reduce};
use crate::Element;

/// The aggregate of a run of elements, NaNs set aside. Fields a statistic does not need stay at their
/// identity values (0, +inf, −inf), which merge harmlessly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Partial {
    /// Non-NaN elements.
    pub count: u64,
    /// NaN elements.
    pub nans: u64,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    /// Σ (x − mean)² over the non-NaN elements.
    pub m2: f64,
}

impl Partial {
    pub const EMPTY: Partial =
        Partial { count: 0, nans: 0, sum: 0.0, min: f64::INFINITY, max: f64::NEG_INFINITY, m2: 0.0 };

    /// Aggregates `x` for `stat`: pairwise sums (as numpy), and a second pass over the run for M2, which is
    /// what numpy's `var` does too.
    pub fn of<T: Element>(x: &[T], stat: Stat) -> Partial {
        Partial::of_split(x, stat, 1)
    }

    /// [`Partial::of`] with up to `ways` rayon threads sharing each pass over a long run. Every pass splits
    /// the run along pairwise summation's own tree, so the result has the same bits for every `ways`: the
    /// strategies use it when there are fewer windows (or blocks) than lanes.
    pub fn of_split<T: Element>(x: &[T], stat: Stat, ways: usize) -> Partial {
        if x.is_empty() {
            return Partial::EMPTY;
        }
        let mut p = Partial { count: x.len() as u64, ..Partial::EMPTY };
        // NaN-free runs (the usual case) take one branch-free pass per field. A NaN shows up as a NaN sum or
        // as the extrema pass's flag, and only then does the run take the slower NaN-aware path.
        if stat.needs_sum() {
            p.sum = pairwise_sum_split(x, &|v: T| v.to_f64(), ways);
            if T::MAY_BE_NAN && p.sum.is_nan() {
                return Partial::of_with_nans(x, stat, ways);
            }
        }
        if stat.needs_extrema() {
            let (lo, hi, saw_nan) = split_reduce(x, ways, &extrema, &merge_extrema);
            if T::MAY_BE_NAN && saw_nan {
                return Partial::of_with_nans(x, stat, ways);
            }
            p.min = lo;
            p.max = hi;
        }
        if stat.needs_m2() {
            let mean = p.sum / x.len() as f64;
            p.m2 = pairwise_sum_split(
                x,
                &|v: T| {
                    let d = v.to_f64() - mean;
                    d * d
                },
                ways,
            );
        }
        p
    }

    /// The NaN-aware path. Also taken by a NaN-free run whose sum overflowed to inf − inf, which it then
    /// computes as usual (with `nans` 0).
    fn of_with_nans<T: Element>(x: &[T], stat: Stat, ways: usize) -> Partial {
        let nans =
            split_reduce(x, ways, &|piece: &[T]| piece.iter().filter(|v| v.to_f64().is_nan()).count(), &|a, b| a + b);
        let mut p = Partial::EMPTY;
        let count = x.len() - nans;
        // A NaN contributes 0 to the sums, and is never below the running min nor above the running max.
        let finite_or_zero = |v: T| {
            let f = v.to_f64();
            if f.is_nan() {
                0.0
            } else {
                f
            }
        };
        if stat.needs_sum() {
            p.sum = pairwise_sum_split(x, &finite_or_zero, ways);
        }
        if stat.needs_extrema() {
            // extrema's comparisons pass NaNs over, so its min and max are those of the other elements.
            (p.min, p.max, _) = split_reduce(x, ways, &extrema, &merge_extrema);
        }
        if stat.needs_m2() && count > 0 {
            let mean = p.sum / count as f64;
            p.m2 = pairwise_sum_split(
                x,
                &|v: T| {
                    let f = v.to_f64();
                    if f.is_nan() {
                        0.0
                    } else {
                        (f - mean) * (f - mean)
                    }
                },
                ways,
            );
        }
        p.count = count as u64;
        p.nans = nans as u64;
        p
    }

    /// Chan, Golub and LeVeque's merge: `self` then `other`, in that order.
    #[inline]
    pub fn merge(&self, other: &Partial) -> Partial {
        let count = self.count + other.count;
        let m2 = if self.count == 0 {
            other.m2
        } else if other.count == 0 {
            self.m2
        } else {
            let (na, nb) = (self.count as f64, other.count as f64);
            let delta = other.sum / nb - self.sum / na;
            self.m2 + other.m2 + delta * delta * (na * nb / (na + nb))
        };
        Partial {
            count,
            nans: self.nans + other.nans,
            sum: self.sum + other.sum,
            min: self.min.min(other.min),
            max: self.max.max(other.max),
            m2,
        }
    }

    /// Merges a run of partials as a balanced tree, left half before right half. The order depends only on
    /// the run's length, so the result is the same whichever thread does it, and the rounding error grows
    /// with log(len), as in pairwise summation.
    pub fn merge_all(parts: &[Partial]) -> Partial {
        Partial::merge_tree(parts.len(), &|i| parts[i])
    }

    /// [`Partial::merge_all`] of `part(0), …, part(len − 1)`, made as they are needed: the same tree and
    /// the same bits, with no slice of partials in memory.
    pub fn merge_tree(len: usize, part: &impl Fn(usize) -> Partial) -> Partial {
        fn tree(lo: usize, n: usize, part: &impl Fn(usize) -> Partial) -> Partial {
            match n {
                0 => Partial::EMPTY,
                1 => part(lo),
                n => tree(lo, n / 2, part).merge(&tree(lo + n / 2, n - n / 2, part)),
            }
        }
        tree(0, len, part)
    }

    /// The statistic's value under a NaN policy.
    #[inline]
    pub fn finish(&self, stat: Stat, nan: NanPolicy) -> f64 {
        if self.nans > 0 && nan == NanPolicy::Propagate {
            return f64::NAN;
        }
        if self.count == 0 {
            // Only NaNs (under Skip): numpy's nansum gives 0, every other nan-function NaN.
            return if stat == Stat::Sum { 0.0 } else { f64::NAN };
        }
        let n = self.count as f64;
        match stat {
            Stat::Mean => self.sum / n,
            Stat::Sum => self.sum,
            Stat::Min => self.min,
            Stat::Max => self.max,
            Stat::Var => self.m2 / n,
            Stat::Std => (self.m2 / n).sqrt(),
        }
    }
}

/// Min and max of a run's non-NaN elements (+inf and −inf when it has none), and whether it holds a NaN, in
/// eight lanes so the compiler can vectorise it.
fn extrema<T: Element>(x: &[T]) -> (f64, f64, bool) {
    let mut lo = [f64::INFINITY; 8];
    let mut hi = [f64::NEG_INFINITY; 8];
    let mut nan = [false; 8];
    let chunks = x.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for j in 0..8 {
            let v = c[j].to_f64();
            lo[j] = if v < lo[j] { v } else { lo[j] };
            hi[j] = if v > hi[j] { v } else { hi[j] };
            nan[j] |= v.is_nan();
        }
    }
    let mut l = lo.iter().copied().fold(f64::INFINITY, f64::min);
    let mut h = hi.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut saw_nan = nan.iter().any(|&n| n);
    for v in rest {
        let v = v.to_f64();
        l = l.min(v);
        h = h.max(v);
        saw_nan |= v.is_nan();
    }
    (l, h, saw_nan)
}

/// [`extrema`] of two runs, merged.
fn merge_extrema(a: (f64, f64, bool), b: (f64, f64, bool)) -> (f64, f64, bool) {
    (a.0.min(b.0), a.1.max(b.1), a.2 | b.2)
}
