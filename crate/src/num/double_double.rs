//! Double-double arithmetic: a number kept as the unevaluated sum `hi + lo` of two f64 (about 106 bits).
//!
//! The sliding strategy keeps its running sums this way, so that a window's sum is rounded once, at the end,
//! and never drifts however long the run. Only additions, and products by Dekker's split (the baseline
//! x86-64 and wasm32 targets lack FMA, and a software `mul_add` would be slow; code compiled for FMA may use
//! [`two_square_fma`], the same exact pair). The error-free steps are generic over [`Arith`], so they also
//! run on several sums at once ([`super::simd`]).

use super::simd::Arith;

/// `hi + lo`, with `lo` the error terms of the additions that built `hi` (not always normalised: see
/// [`DoubleDouble::value`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DoubleDouble {
    pub hi: f64,
    pub lo: f64,
}

/// Knuth's TwoSum: `a + b = s + e` exactly, with `s = fl(a + b)`, for any order of magnitudes.
#[inline(always)]
pub(crate) fn two_sum<A: Arith>(a: A, b: A) -> (A, A) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// [`two_sum`] of `a` and `−b`, without the negation (an instruction, and on wasm a constant to load, in
/// the sliding loops): the same `s`, and the same error up to the sign of a zero error, so at most the sign
/// of a window's sum that is exactly zero differs.
#[inline(always)]
pub(crate) fn two_diff<A: Arith>(a: A, b: A) -> (A, A) {
    let s = a - b;
    let bb = s - a;
    (s, (a - (s - bb)) - (b + bb))
}

/// Dekker's Fast2Sum: as [`two_sum`] when `|a| >= |b|` (or `a` is 0).
#[inline(always)]
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// Veltkamp's split: `a = hi + lo` with both halves of 26 bits, so their products are exact.
#[inline(always)]
fn split<A: Arith>(a: A) -> (A, A) {
    const FACTOR: f64 = 134_217_729.0; // 2^27 + 1
    let c = A::splat(FACTOR) * a;
    let hi = c - (c - a);
    (hi, a - hi)
}

/// Dekker's TwoProduct: `a · b = p + e` exactly (barring overflow), with `p = fl(a · b)`.
#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// `a² = p + e` exactly (barring overflow), with `p = fl(a²)`: [`two_prod`] with one split.
#[inline(always)]
pub(crate) fn two_square<A: Arith>(a: A) -> (A, A) {
    let p = a * a;
    let (ah, al) = split(a);
    (p, ((ah * ah - p) + A::splat(2.0) * ah * al) + al * al)
}

/// [`two_square`] by fused multiply-add: the same exact pair, in one instruction where the caller is compiled
/// with FMA (elsewhere `mul_add` is a slow software call).
#[inline(always)]
pub(crate) fn two_square_fma<A: Arith>(a: A) -> (A, A) {
    let p = a * a;
    (p, a.mul_add(a, -p))
}

/// Adds `x` to the running sum `hi + lo`: TwoSum into `hi`, its error into `lo` ([`DoubleDouble::add_f64`]).
#[inline(always)]
pub(crate) fn add_one<A: Arith>(hi: A, lo: A, x: A) -> (A, A) {
    let (hi, e) = two_sum(hi, x);
    (hi, lo + e)
}

/// Adds `a − b` to the running sum `hi + lo` the way a window slides: the difference exactly (TwoSum), then
/// into `hi` exactly, both errors into `lo`. Only `lo`'s additions round.
#[inline(always)]
pub(crate) fn add_difference<A: Arith>(hi: A, lo: A, a: A, b: A) -> (A, A) {
    let (d, e1) = two_diff(a, b);
    let (hi, e2) = two_sum(hi, d);
    (hi, lo + (e1 + e2))
}

impl DoubleDouble {
    pub const ZERO: DoubleDouble = DoubleDouble { hi: 0.0, lo: 0.0 };

    /// Adds one f64: TwoSum into `hi`, its error into `lo` (Neumaier's scheme, renormalised only when
    /// read). One dependent addition per element, so a running sum costs about one add's latency.
    #[inline(always)]
    pub fn add_f64(self, x: f64) -> DoubleDouble {
        let (hi, lo) = add_one(self.hi, self.lo, x);
        DoubleDouble { hi, lo }
    }

    /// Adds `a − b` the way a running sum slides: the difference exactly (TwoSum), then into `hi` exactly,
    /// both errors into `lo`. Only `lo`'s additions round.
    #[inline(always)]
    pub fn add_difference(self, a: f64, b: f64) -> DoubleDouble {
        let (hi, lo) = add_difference(self.hi, self.lo, a, b);
        DoubleDouble { hi, lo }
    }

    /// The sum of two double-doubles, normalised (the QD library's accurate addition). A non-finite `hi`
    /// (an infinity, inf − inf) is returned as it is, with `lo` 0.
    #[inline]
    pub fn add(self, o: DoubleDouble) -> DoubleDouble {
        let (s, e) = two_sum(self.hi, o.hi);
        if !s.is_finite() {
            return DoubleDouble { hi: s, lo: 0.0 };
        }
        let (t, f) = two_sum(self.lo, o.lo);
        let (s, e) = fast_two_sum(s, e + t);
        let (hi, lo) = fast_two_sum(s, e + f);
        DoubleDouble { hi, lo }
    }

    #[inline]
    pub fn neg(self) -> DoubleDouble {
        DoubleDouble { hi: -self.hi, lo: -self.lo }
    }

    /// The product, to about 2⁻¹⁰⁴ relative.
    #[inline]
    pub fn mul(self, o: DoubleDouble) -> DoubleDouble {
        let (p, e) = two_prod(self.hi, o.hi);
        if !p.is_finite() {
            return DoubleDouble { hi: p, lo: 0.0 };
        }
        let (hi, lo) = fast_two_sum(p, e + (self.hi * o.lo + self.lo * o.hi));
        DoubleDouble { hi, lo }
    }

    /// The quotient by an f64, to about 2⁻¹⁰⁴ relative (one Newton correction of `hi / d`).
    #[inline]
    pub fn div_f64(self, d: f64) -> DoubleDouble {
        let q = self.hi / d;
        if !q.is_finite() {
            return DoubleDouble { hi: q, lo: 0.0 };
        }
        let (p, e) = two_prod(q, d);
        let r = ((self.hi - p) - e) + self.lo;
        let (hi, lo) = fast_two_sum(q, r / d);
        DoubleDouble { hi, lo }
    }

    /// The value rounded to f64. A non-finite `hi` stands for itself: once a running sum reaches an
    /// infinity, its `lo` is NaN (inf − inf inside TwoSum) and means nothing.
    #[inline(always)]
    pub fn value(self) -> f64 {
        if self.hi.is_finite() {
            self.hi + self.lo
        } else {
            self.hi
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sum_and_two_prod_are_exact() {
        // 1 + 2⁻⁶⁰ does not fit an f64; its lost part comes back as the error term.
        let tiny = 2f64.powi(-60);
        assert_eq!(two_sum(1.0, tiny), (1.0, tiny));
        assert_eq!(two_sum(tiny, 1.0), (1.0, tiny));
        // (1 + 2⁻³⁰)² = 1 + 2⁻²⁹ + 2⁻⁶⁰: the last term is the product's error.
        let a = 1.0 + 2f64.powi(-30);
        assert_eq!(two_prod(a, a), (1.0 + 2f64.powi(-29), tiny));
        assert_eq!(two_square(a), (1.0 + 2f64.powi(-29), tiny));
    }

    #[test]
    fn a_running_sum_does_not_drift() {
        // 1e6 copies of 0.1 in f64 is 100000.0000000000055…, which rounds to 100000; a plain loop is off
        // by ~1e-6.
        let (mut s, mut plain) = (DoubleDouble::ZERO, 0.0);
        for _ in 0..1_000_000 {
            s = s.add_f64(0.1);
            plain += 0.1;
        }
        assert_eq!(s.value(), 100_000.0);
        assert!((plain - 100_000.0f64).abs() > 1e-7, "the plain loop drifts: {plain}");
    }

    #[test]
    fn variance_identity_keeps_its_digits() {
        // Σd² − (Σd)²/n for d = 1e8 + {0, 1, 2}: 2 exactly, where plain f64 loses everything.
        let d = [1e8, 1e8 + 1.0, 1e8 + 2.0];
        let (mut s1, mut s2) = (DoubleDouble::ZERO, DoubleDouble::ZERO);
        for v in d {
            s1 = s1.add_f64(v);
            let (p, e) = two_prod(v, v);
            s2 = s2.add(DoubleDouble { hi: p, lo: e });
        }
        let m2 = s2.add(s1.mul(s1.div_f64(3.0)).neg()).value();
        assert_eq!(m2, 2.0);
    }

    #[test]
    fn infinities_stay_infinite() {
        let s = DoubleDouble::ZERO.add_f64(f64::INFINITY).add_f64(1.0);
        assert_eq!(s.value(), f64::INFINITY);
        assert_eq!(s.add(DoubleDouble { hi: 1.0, lo: 0.0 }).value(), f64::INFINITY);
        assert!(s.add(DoubleDouble { hi: f64::NEG_INFINITY, lo: 0.0 }).value().is_nan());
    }
}
