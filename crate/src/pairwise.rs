//! numpy's pairwise summation, so that window sums match `x[a:b].sum()` to rounding, not to drift.
//!
//! This follows numpy's `pairwise_sum`: below 8 elements a plain loop, up to 128 eight accumulators, above that
//! a split in two halves at a multiple of 8. Its error grows with log(n), not n.

const BLOCK: usize = 128;

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
        let mut half = n / 2;
        half -= half % 8;
        pairwise_sum(&x[..half], f) + pairwise_sum(&x[half..], f)
    }
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
    fn is_more_accurate_than_a_naive_loop() {
        // 1e6 copies of 0.1: the naive loop drifts by ~1e-6 relative, pairwise stays near 1e-15.
        let x = vec![0.1f64; 1_000_000];
        let exact = 100_000.0;
        let naive: f64 = x.iter().sum();
        let pw = pairwise_sum(&x, &|v| v);
        assert!((pw - exact).abs() < (naive - exact).abs() / 100.0, "pairwise {pw} naive {naive}");
    }
}
