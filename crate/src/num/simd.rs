//! f64 arithmetic on one value or on several side by side ([`Wide`]), so that a formula written once
//! runs on one running sum or on many at a time, as vector instructions, with the same bits in each lane.
//!
//! The sliding strategy slides several independent chains of windows in lockstep (`strategy/sliding/lockstep.rs`): one
//! chain's additions depend on each other, the chains' do not, so each becomes one lane of a vector.

use std::ops::{Add, Mul, Neg, Sub};

/// What the error-free transformations of [`crate::double_double`] need: IEEE additions, products and
/// fused multiply-adds, each rounded once, element by element.
pub(crate) trait Arith:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Neg<Output = Self>
{
    fn splat(v: f64) -> Self;
    /// `self · a + b`, rounded once (fast only where the caller is compiled with FMA).
    fn mul_add(self, a: Self, b: Self) -> Self;
}

impl Arith for f64 {
    #[inline(always)]
    fn splat(v: f64) -> f64 {
        v
    }
    #[inline(always)]
    fn mul_add(self, a: f64, b: f64) -> f64 {
        f64::mul_add(self, a, b)
    }
}

/// `N` f64 side by side: each operation is the f64 one on every lane (the compiler makes it one or two
/// vector instructions).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Wide<const N: usize>(pub [f64; N]);

impl<const N: usize> Wide<N> {
    #[inline(always)]
    pub fn from_fn(f: impl FnMut(usize) -> f64) -> Wide<N> {
        Wide(std::array::from_fn(f))
    }
    #[inline(always)]
    fn zip(self, o: Wide<N>, f: impl Fn(f64, f64) -> f64) -> Wide<N> {
        Wide(std::array::from_fn(|l| f(self.0[l], o.0[l])))
    }
}

impl<const N: usize> Add for Wide<N> {
    type Output = Wide<N>;
    #[inline(always)]
    fn add(self, o: Wide<N>) -> Wide<N> {
        self.zip(o, |a, b| a + b)
    }
}

impl<const N: usize> Sub for Wide<N> {
    type Output = Wide<N>;
    #[inline(always)]
    fn sub(self, o: Wide<N>) -> Wide<N> {
        self.zip(o, |a, b| a - b)
    }
}

impl<const N: usize> Mul for Wide<N> {
    type Output = Wide<N>;
    #[inline(always)]
    fn mul(self, o: Wide<N>) -> Wide<N> {
        self.zip(o, |a, b| a * b)
    }
}

impl<const N: usize> Neg for Wide<N> {
    type Output = Wide<N>;
    #[inline(always)]
    fn neg(self) -> Wide<N> {
        Wide(self.0.map(|a| -a))
    }
}

impl<const N: usize> Arith for Wide<N> {
    #[inline(always)]
    fn splat(v: f64) -> Wide<N> {
        Wide([v; N])
    }
    #[inline(always)]
    fn mul_add(self, a: Wide<N>, b: Wide<N>) -> Wide<N> {
        Wide(std::array::from_fn(|l| f64::mul_add(self.0[l], a.0[l], b.0[l])))
    }
}

/// What the lockstep slides need of a vector of [`SIMD_LANES`] f64 besides arithmetic: building one lane by lane
/// (the chains' elements lie apart) and reading it back.
pub(crate) trait Vector: Arith {
    fn from_fn(f: impl FnMut(usize) -> f64) -> Self;
    fn to_array(self) -> [f64; SIMD_LANES];
    /// Whether every lane is ≤ `o`'s (false where either is NaN).
    fn all_le(self, o: Self) -> bool;
    /// Negative lanes replaced by 0 (NaN kept).
    fn negative_to_zero(self) -> Self;
    /// Lane `l` replaced by `v`.
    #[inline(always)]
    fn with(self, l: usize, v: f64) -> Self {
        let mut a = self.to_array();
        a[l] = v;
        Self::from_fn(|k| a[k])
    }
}

/// Lanes of a [`Vector`]: the chains slid in lockstep.
pub(crate) const SIMD_LANES: usize = 4;

/// The vector of builds without a runtime choice: two simd128 registers on wasm32 builds that have them,
/// elsewhere plain arrays, which the compiler vectorises as it can.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(crate) type Portable = Wide<SIMD_LANES>;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) type Portable = Simd2x2;

impl Vector for Wide<SIMD_LANES> {
    #[inline(always)]
    fn from_fn(f: impl FnMut(usize) -> f64) -> Self {
        Wide::from_fn(f)
    }
    #[inline(always)]
    fn to_array(self) -> [f64; SIMD_LANES] {
        self.0
    }
    #[inline(always)]
    fn all_le(self, o: Self) -> bool {
        (0..SIMD_LANES).all(|l| self.0[l] <= o.0[l])
    }
    #[inline(always)]
    fn negative_to_zero(self) -> Self {
        Wide(self.0.map(|v| if v < 0.0 { 0.0 } else { v }))
    }
}

/// Code generic over the vector type, for [`on_best_vectors`]: `run::<V, FMA>` with `V` the vectors to use
/// and `FMA` whether the code is compiled for fused multiply-add.
pub(crate) trait OnVectors {
    type Output;
    fn run<V: Vector, const FMA: bool>(self) -> Self::Output;
}

/// Runs `f` on the widest vectors this CPU has: [`Avx4`] compiled for AVX2 and FMA where the CPU has
/// both, else [`Portable`]. The only way to an [`Avx4`]: that type is private to this file and appears only
/// as `V` here, after the check, so its intrinsics never run on a CPU without them.
#[inline(always)]
pub(crate) fn on_best_vectors<F: OnVectors>(f: F) -> F::Output {
    #[cfg(all(target_arch = "x86_64", not(feature = "baseline-simd")))]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has AVX2 and FMA (checked just above).
        return unsafe { on_avx2_fma(f) };
    }
    f.run::<Portable, false>()
}

/// `f` on [`Avx4`], compiled for AVX2 and FMA (so its intrinsics inline into `f`'s loops).
///
/// # Safety
/// The CPU has AVX2 and FMA.
#[cfg(all(target_arch = "x86_64", not(feature = "baseline-simd")))]
#[target_feature(enable = "avx2,fma")]
unsafe fn on_avx2_fma<F: OnVectors>(f: F) -> F::Output {
    f.run::<Avx4, true>()
}

/// Four f64 in one AVX register, each operation one instruction (the compiler left to itself mixes lanes
/// and scalars). Private: it exists only inside [`on_avx2_fma`], which runs only on CPUs with AVX2 and FMA.
#[cfg(all(target_arch = "x86_64", not(feature = "baseline-simd")))]
#[derive(Clone, Copy)]
struct Avx4(std::arch::x86_64::__m256d);

#[cfg(all(target_arch = "x86_64", not(feature = "baseline-simd")))]
mod avx {
    use super::{Arith, Avx4, Vector, SIMD_LANES};
    use std::arch::x86_64::*;
    use std::ops::{Add, Mul, Neg, Sub};

    // SAFETY (every intrinsic below): an Avx4 exists only inside on_avx2_fma, on a CPU with AVX2 and FMA.
    impl Add for Avx4 {
        type Output = Avx4;
        #[inline(always)]
        fn add(self, o: Avx4) -> Avx4 {
            Avx4(unsafe { _mm256_add_pd(self.0, o.0) })
        }
    }
    impl Sub for Avx4 {
        type Output = Avx4;
        #[inline(always)]
        fn sub(self, o: Avx4) -> Avx4 {
            Avx4(unsafe { _mm256_sub_pd(self.0, o.0) })
        }
    }
    impl Mul for Avx4 {
        type Output = Avx4;
        #[inline(always)]
        fn mul(self, o: Avx4) -> Avx4 {
            Avx4(unsafe { _mm256_mul_pd(self.0, o.0) })
        }
    }
    impl Neg for Avx4 {
        type Output = Avx4;
        #[inline(always)]
        fn neg(self) -> Avx4 {
            // Flips the sign bit, as f64's negation does.
            Avx4(unsafe { _mm256_xor_pd(self.0, _mm256_set1_pd(-0.0)) })
        }
    }
    impl Arith for Avx4 {
        #[inline(always)]
        fn splat(v: f64) -> Avx4 {
            Avx4(unsafe { _mm256_set1_pd(v) })
        }
        #[inline(always)]
        fn mul_add(self, a: Avx4, b: Avx4) -> Avx4 {
            Avx4(unsafe { _mm256_fmadd_pd(self.0, a.0, b.0) })
        }
    }
    impl Vector for Avx4 {
        #[inline(always)]
        fn from_fn(mut f: impl FnMut(usize) -> f64) -> Avx4 {
            let (a, b, c, d) = (f(0), f(1), f(2), f(3));
            Avx4(unsafe { _mm256_setr_pd(a, b, c, d) })
        }
        #[inline(always)]
        fn to_array(self) -> [f64; SIMD_LANES] {
            let mut a = [0.0; SIMD_LANES];
            unsafe { _mm256_storeu_pd(a.as_mut_ptr(), self.0) };
            a
        }
        #[inline(always)]
        fn all_le(self, o: Avx4) -> bool {
            unsafe { _mm256_movemask_pd(_mm256_cmp_pd::<_CMP_LE_OQ>(self.0, o.0)) == 0b1111 }
        }
        #[inline(always)]
        fn negative_to_zero(self) -> Avx4 {
            unsafe {
                let zero = _mm256_setzero_pd();
                Avx4(_mm256_blendv_pd(self.0, zero, _mm256_cmp_pd::<_CMP_LT_OQ>(self.0, zero)))
            }
        }
    }
}

/// Four f64 in two wasm simd128 registers, each operation one instruction per register. Built only when the
/// whole build has simd128 (the threaded page build), where these intrinsics are always available.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[derive(Clone, Copy)]
pub(crate) struct Simd2x2(std::arch::wasm32::v128, std::arch::wasm32::v128);

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm_simd {
    use super::{Arith, Simd2x2, Vector, SIMD_LANES};
    use std::arch::wasm32::*;
    use std::ops::{Add, Mul, Neg, Sub};

    impl Add for Simd2x2 {
        type Output = Simd2x2;
        #[inline(always)]
        fn add(self, o: Simd2x2) -> Simd2x2 {
            Simd2x2(f64x2_add(self.0, o.0), f64x2_add(self.1, o.1))
        }
    }
    impl Sub for Simd2x2 {
        type Output = Simd2x2;
        #[inline(always)]
        fn sub(self, o: Simd2x2) -> Simd2x2 {
            Simd2x2(f64x2_sub(self.0, o.0), f64x2_sub(self.1, o.1))
        }
    }
    impl Mul for Simd2x2 {
        type Output = Simd2x2;
        #[inline(always)]
        fn mul(self, o: Simd2x2) -> Simd2x2 {
            Simd2x2(f64x2_mul(self.0, o.0), f64x2_mul(self.1, o.1))
        }
    }
    impl Neg for Simd2x2 {
        type Output = Simd2x2;
        #[inline(always)]
        fn neg(self) -> Simd2x2 {
            Simd2x2(f64x2_neg(self.0), f64x2_neg(self.1))
        }
    }
    impl Arith for Simd2x2 {
        #[inline(always)]
        fn splat(v: f64) -> Simd2x2 {
            Simd2x2(f64x2_splat(v), f64x2_splat(v))
        }
        /// Never taken on wasm32 (no FMA there): lane by lane, in software.
        #[inline(always)]
        fn mul_add(self, a: Simd2x2, b: Simd2x2) -> Simd2x2 {
            let (x, y, z) = (self.to_array(), a.to_array(), b.to_array());
            Simd2x2::from_fn(|l| f64::mul_add(x[l], y[l], z[l]))
        }
    }
    impl Vector for Simd2x2 {
        #[inline(always)]
        fn from_fn(mut f: impl FnMut(usize) -> f64) -> Simd2x2 {
            let (a, b, c, d) = (f(0), f(1), f(2), f(3));
            Simd2x2(f64x2(a, b), f64x2(c, d))
        }
        #[inline(always)]
        fn to_array(self) -> [f64; SIMD_LANES] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
                f64x2_extract_lane::<0>(self.1),
                f64x2_extract_lane::<1>(self.1),
            ]
        }
        #[inline(always)]
        fn all_le(self, o: Simd2x2) -> bool {
            i64x2_all_true(f64x2_le(self.0, o.0)) && i64x2_all_true(f64x2_le(self.1, o.1))
        }
        #[inline(always)]
        fn negative_to_zero(self) -> Simd2x2 {
            let zero = f64x2_splat(0.0);
            let pick = |v: v128| v128_bitselect(zero, v, f64x2_lt(v, zero));
            Simd2x2(pick(self.0), pick(self.1))
        }
    }
}
