//! Σd and Σd² of d = x − c as running double-doubles: the sliding strategy's state for var and std.

use super::lockstep::{Slide, CHAINS};
use super::nan_count::{slide_nans, value_or};
use super::scan::{lanes_then_rest, Running, FOLD_LANES};
use crate::num::double_double::{add_difference, add_one, two_diff, two_square, two_square_fma, two_sum, DoubleDouble};
use crate::num::simd::{Arith, Vector, Wide};
use crate::stat::kind::{NanPolicy, Stat};
use crate::stat::partial::Partial;
use crate::Element;

/// Σd and Σd² of d = x − c as double-doubles, and the NaN count.
#[derive(Debug, Clone, Copy)]
pub(super) struct Moments {
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
        let chunks = x.chunks_exact(FOLD_LANES);
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
        let chunks = anchor.chunks_exact(FOLD_LANES);
        let rest = chunks.remainder();
        let mut acc = [0.0; FOLD_LANES];
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

/// [`lane_sums`] for [`Moments`]: Σd's and Σd²'s `hi` and `lo` per lane, d = x − shift, as
/// [`Moments::push_clean`] makes them.
#[inline(never)]
fn lane_moments<T: Element>(chunks: std::slice::ChunksExact<'_, T>, shift: f64) -> [[f64; FOLD_LANES]; 4] {
    let mut all = [Wide::<FOLD_LANES>::splat(0.0); 4];
    let c0 = Wide::splat(shift);
    for c in chunks {
        all = push_moments::<Wide<FOLD_LANES>, false>(all, Wide::from_fn(|l| c[l].to_f64()) - c0);
    }
    all.map(|v| v.0)
}
