//! Min and max at step 1 (crate/src/strategy/sliding/extremum.rs): NaN-free windows take a faster scan that must give the
//! generic scan's bits. A block cut into pieces can send one piece down each path, so every case checks
//! the naive reference's values and the bits of 2–7 lanes against one thread, on data where the order of
//! the comparisons shows: signed zeros tie (max(−0, 0) keeps whichever came first). Swapping one pick's
//! operands in the fast path fails `a_nan_sends_some_pieces_down_the_generic_scan_with_the_same_bits`.

use crate::common::*;
use memwin::Stat;

const EXTREMA: [Stat; 2] = [Stat::Min, Stat::Max];

/// Non-positive values, a quarter of them zeros: −0 before `flip`, +0 from it on (negated: the other way
/// round). A window that reaches past `flip` is a tie of −0 (its suffix) and +0 (its prefix), whose max (and,
/// negated, min) keeps whichever the scan takes first.
fn signed_zero_ties(n: usize, seed: u64, flip: usize, negate: bool) -> Vec<f64> {
    data(n, seed, 0)
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = match i % 4 {
                0 if i < flip => -0.0,
                0 => 0.0,
                _ => -(v.abs() + 1e-3),
            };
            if negate {
                -x
            } else {
                x
            }
        })
        .collect()
}

#[test]
fn signed_zero_ties_give_one_thread_s_bits_on_every_split() {
    // w = 2,500 > the scans' sub-chunk of 1,024: tails and several sub-chunks a block. Two blocks of window
    // starts, so 3 to 7 lanes cut each into pieces.
    for negate in [false, true] {
        let x = signed_zero_ties(7_000, 31, 5_000, negate);
        check_sliding(&x, 2_500, 1, &EXTREMA, &[2, 3, 4, 5, 6, 7]);
    }
}

#[test]
fn a_nan_sends_some_pieces_down_the_generic_scan_with_the_same_bits() {
    // Block 1 holds windows 2,500..=4,500; the NaN at 6,200 lies in windows 3,701..=4,500 only. On one
    // thread the block is one piece and holds a NaN: all of it takes the generic scan. On 4+ lanes it is cut
    // into pieces, and those before window 3,701 take the fast path. Under both NaN policies the values must
    // match the reference, and one thread bit for bit.
    for negate in [false, true] {
        let mut x = signed_zero_ties(7_000, 32, 5_000, negate);
        x[6_200] = f64::NAN;
        check_sliding(&x, 2_500, 1, &EXTREMA, &[2, 3, 4, 5, 6, 7]);
    }
}

#[test]
fn windows_around_the_sub_chunk_size_and_tiny_ones_match_the_reference() {
    let x = data(9_000, 33, 0);
    for size in [1, 2, 7, 1_023, 1_024, 1_025, 2_048, 4_000] {
        check_sliding(&x, size, 1, &EXTREMA, &[2, 5]);
    }
    // Integers as f64, many equal values.
    let ints: Vec<f64> = data(5_000, 34, 0).iter().map(|v| (v * 4.0).round()).collect();
    check_sliding(&ints, 300, 1, &EXTREMA, &[3]);
}
