//! numpy's summation order, bit for bit, without numpy at test time: sums whose rounding depends on where
//! pairwise summation switches from a plain loop to eight accumulators, and where it splits a long run.
//! (The expected values were worked by hand, or taken once from numpy's `np.add.reduce`, as noted.)

use memwin::pairwise_sum;

#[test]
fn eight_elements_take_the_eight_accumulators_and_seven_a_plain_loop() {
    // Eight: ((1e16 + 1) + (1 + 1)) + ((−1e16 + 0) + (0 + 0)) = (1e16 + 2) − 1e16 = 2, as numpy.
    // A plain loop rounds 1e16 + 1 to 1e16 (a tie, to even), and each 1 after it too: 0.
    let x = [1e16, 1.0, 1.0, 1.0, -1e16, 0.0, 0.0, 0.0];
    assert_eq!(pairwise_sum(&x, &|v| v), 2.0);
    // Seven take the plain loop, in numpy as here: 0.
    assert_eq!(pairwise_sum(&x[..7], &|v| v), 0.0);
}

#[test]
fn a_long_run_splits_at_a_multiple_of_eight_as_numpy_does() {
    // x[i] = ((i mod 7) − 3) · 2^(13 i mod 60), exact in f64, so only the order of the additions rounds.
    // np.add.reduce over these 1,000 values gives 0x43b32cc0e09579cd (1.3816912565088945e18); splitting
    // each half anywhere but at numpy's multiple of 8 gives other bits.
    let x: Vec<f64> = (0..1000u64).map(|i| ((i % 7) as f64 - 3.0) * (1u64 << ((i * 13) % 60)) as f64).collect();
    assert_eq!(pairwise_sum(&x, &|v| v).to_bits(), 0x43b3_2cc0_e095_79cd);
}
