//! numpy's pairwise summation, so that window sums match `x[a:b].sum()` to rounding, not to drift.
//!
//! This follows numpy's `pairwise_sum`: below 8 elements a plain loop, up to 128 eight accumulators, above that
//! a split in two halves at a multiple of 8. Its error grows with log(n), not n.
//!
//! [`split_reduce`] walks the top of the same split tree on several threads, so a long run can be summed by
//! several lanes with the same bits as [`pairwise_sum`] on one.

const BLOCK: usize = 128;
/// Runs shorter than this stay on one thread: below it a rayon join costs more than it saves.
const SPLIT_MIN: usize = 1 << 16;

/// Where pairwise summation splits a run of `n > BLOCK` elements: the middle, rounded down to a multiple of 8.
#[inline]
fn split_point(n: usize) -> usize {
    let half = n / 2;
    half - half % 8
}

/// Σ f(x) over `x`, summed pairwise.
#[inline]
pub fn pairwise_sum<T: Copy, F: Fn(T) -> f64>(x: &[T], f: &F) -> f64 {
    let n = x.len();
    if n < 8 {
        let mut res = 0.0;
        for &v in x {
            res += f(v);
        }
        res
    } else if n <= BLOCK {
        // Eight accumulators over whole chunks of 8 (chunks_exact lets the compiler drop bounds checks and
        // vectorise), then the pairs summed as numpy does, then the tail.
        let (body, tail) = x.split_at(n - n % 8);
        let mut chunks = body.chunks_exact(8);
        let first = chunks.next().expect("n >= 8");
        let mut r: [f64; 8] = std::array::from_fn(|j| f(first[j]));
        for c in chunks {
            for j in 0..8 {
                r[j] += f(c[j]);
            }
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &v in tail {
            res += f(v);
        }
        res
    } else {
        let half = split_point(n);
        pairwise_sum(&x[..half], f) + pairwise_sum(&x[half..], f)
    }
}

/// `leaf` over pieces of `x`, combined as `combine(left, right)`, with up to `ways` pieces run at once on
/// rayon. The pieces are the top of pairwise summation's split tree, so with `leaf = pairwise_sum` and
/// `combine = +` the result is bit-identical to [`pairwise_sum`] over `x` for every `ways`; for exact
/// reductions (min, max, counts) any split gives the same answer anyway.
pub fn split_reduce<T: Sync, R: Send>(
    x: &[T],
    ways: usize,
    leaf: &(impl Fn(&[T]) -> R + Sync),
    combine: &(impl Fn(R, R) -> R + Sync),
) -> R {
    if ways <= 1 || x.len() < SPLIT_MIN {
        return leaf(x);
    }
    let (a, b) = x.split_at(split_point(x.len()));
    let (left, right) =
        rayon::join(|| split_reduce(a, ways / 2, leaf, combine), || split_reduce(b, ways - ways / 2, leaf, combine));
    combine(left, right)
}

/// [`pairwise_sum`] shared by up to `ways` threads, with the same bits.
pub fn pairwise_sum_split<T: Copy + Sync, F: Fn(T) -> f64 + Sync>(x: &[T], f: &F, ways: usize) -> f64 {
    split_reduce(x, ways, &|piece: &[T]| pairwise_sum(piece, f), &|a, b| a + b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_small_and_large_inputs_exactly_when_exact() {
        for n in [0usize, 1, 7, 8, 9, 127, 128, 129, 1000, 4097] {
            let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
            let expected = (n * n.saturating_sub(1) / 2) as f64; // Gauss; exact in f64 at these sizes
            assert_eq!(pairwise_sum(&x, &|v| v), expected, "n = {n}");
        }
    }

    #[test]
    fn summing_on_several_threads_gives_the_same_bits() {
        // Mixed magnitudes, so the rounded sum depends on the order of the additions.
        let x: Vec<f64> = (0..(1 << 20) + 37).map(|i| (i as f64 * 0.618).fract() * 10f64.powi(i % 17 - 8)).collect();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        let one = pairwise_sum(&x, &|v| v);
        for ways in [1, 2, 3, 4, 8] {
            let split = pool.install(|| pairwise_sum_split(&x, &|v| v, ways));
            assert_eq!(split.to_bits(), one.to_bits(), "ways = {ways}");
        }
        // A plain left-to-right loop differs, so the test above can fail.
        assert_ne!(x.iter().sum::<f64>().to_bits(), one.to_bits());
    }

    #[test]
    fn is_more_accurate_than_a_naive_loop() {
        // 1e6 copies of 0.1: the naive loop drifts by ~1e-6 relative, pairwise stays near 1e-15.
        let x = vec![0.1f64; 1_000_000];
        let exact = 100_000.0;
        let naive: f64 = x.iter().sum();
        let pw = pairwise_sum(&x, &|v| v);
        assert!((pw - exact).abs() < (naive - exact).abs() / 100.0, "pairwise {pw} naive {naive}");
    }
}
