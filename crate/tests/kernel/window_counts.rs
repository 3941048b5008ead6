//! Window counts checked by hand, for both rules, without numpy: the seed's own case, spans divisible and
//! not divisible by the step, a window as long as the input, steps past the end, and sizes near usize::MAX.
//! An off-by-one in either rule's count fails here, on any machine.

use memwin::{Error, WindowRule, Windows};

/// (n, w, s, windows under AllFull, windows under SeedCompatible), each worked out by hand in the comment.
/// AllFull starts at 0, s, 2s, … ≤ n − w; SeedCompatible is range(0, n − w, s), which stops before n − w.
const CASES: &[(usize, usize, usize, usize, usize)] = &[
    // The joblib seed: n − w = 9.5e6 = 95 steps exactly, so range(0, 9.5e6, 1e5) stops one short: 95, 96.
    (10_000_000, 500_000, 100_000, 96, 95),
    // n − w = 6, s = 3: starts 0, 3, 6 (all full); range(0, 6, 3) = 0, 3.
    (10, 4, 3, 3, 2),
    // n − w = 7, s = 3, not divisible: starts 0, 3, 6 under both rules (range(0, 7, 3) reaches 6).
    (11, 4, 3, 3, 3),
    // n − w = 8, s = 3: 0, 3, 6 under both (9 would pass n − w).
    (12, 4, 3, 3, 3),
    // n − w = 9, s = 3, divisible again: 0, 3, 6, 9; range(0, 9, 3) = 0, 3, 6.
    (13, 4, 3, 4, 3),
    // Step 1: every start 0..=n − w, and range(0, n − w) one fewer.
    (5, 1, 1, 5, 4),
    (100, 10, 1, 91, 90),
    // The step equals n − w: starts 0 and 6; range(0, 6, 6) = 0.
    (10, 4, 6, 2, 1),
    // The step passes the end: only the window at 0, under both rules.
    (10, 4, 7, 1, 1),
    (10, 4, 100, 1, 1),
    // Side by side (s = w), n a multiple of w: 10 windows; the seed drops the last (it starts at n − w).
    (1_000, 100, 100, 10, 9),
    // Side by side, with a remainder of 50 elements that no window covers: 9 under both rules.
    (950, 100, 100, 9, 9),
    // Gaps (s > w): n − w = 900, starts 0, 370, 740; range(0, 900, 370) gives the same three.
    (1_000, 100, 370, 3, 3),
    // n − w = 740 = 2 · 370: starts 0, 370, 740; range(0, 740, 370) = 0, 370.
    (840, 100, 370, 3, 2),
];

#[test]
fn hand_checked_counts_for_both_rules() {
    for &(n, w, s, all_full, seed) in CASES {
        let all = Windows::new(n, w, s, WindowRule::AllFull).unwrap();
        assert_eq!(all.count(), all_full, "all-full windows of n {n}, w {w}, s {s}");
        let compat = Windows::new(n, w, s, WindowRule::SeedCompatible).unwrap();
        assert_eq!(compat.count(), seed, "seed-compatible windows of n {n}, w {w}, s {s}");
        // The last window fits, and one more step would not (all full) or would start at n − w or later.
        let last = all.range(all.count() - 1);
        assert!(last.end <= n && last.start + s > n - w, "n {n}, w {w}, s {s}: last window {last:?}");
        let last = compat.range(compat.count() - 1);
        assert!(last.start < n - w || n == w, "n {n}, w {w}, s {s}: seed's last window {last:?}");
    }
}

#[test]
fn starts_and_ranges_step_by_s() {
    // n 13, w 4, s 3: windows [0, 4), [3, 7), [6, 10), [9, 13).
    let win = Windows::new(13, 4, 3, WindowRule::AllFull).unwrap();
    let ranges: Vec<_> = (0..win.count()).map(|i| win.range(i)).collect();
    assert_eq!(ranges, [0..4, 3..7, 6..10, 9..13]);
    assert_eq!((win.len(), win.size(), win.step()), (13, 4, 3));
    assert!(!win.is_empty());
    // Blocks: gcd(4, 3) = 1, gcd(500000, 100000) = 100000, gcd(6, 4) = 2, gcd(7, 7) = 7, gcd(5, 15) = 5.
    for (w, s, g) in [(4, 3, 1), (500_000, 100_000, 100_000), (6, 4, 2), (7, 7, 7), (5, 15, 5)] {
        assert_eq!(Windows::new(1_000_000, w, s, WindowRule::AllFull).unwrap().block(), g, "gcd({w}, {s})");
    }
}

#[test]
fn a_window_as_long_as_the_input() {
    // One window under all-full; range(0, 0, s) is empty, so the seed rule has none and says why.
    for s in [1, 7, 1_000] {
        let all = Windows::new(1_000, 1_000, s, WindowRule::AllFull).unwrap();
        assert_eq!((all.count(), all.range(0)), (1, 0..1_000));
        assert_eq!(
            Windows::new(1_000, 1_000, s, WindowRule::SeedCompatible),
            Err(Error::NoWindows { len: 1_000, size: 1_000 })
        );
    }
    assert_eq!(Windows::new(1, 1, 1, WindowRule::AllFull).unwrap().count(), 1);
    assert_eq!(Windows::new(1, 1, 1, WindowRule::SeedCompatible), Err(Error::NoWindows { len: 1, size: 1 }));
}

#[test]
fn impossible_plans_say_why() {
    for rule in [WindowRule::AllFull, WindowRule::SeedCompatible] {
        assert_eq!(Windows::new(0, 1, 1, rule), Err(Error::EmptyInput));
        assert_eq!(Windows::new(10, 0, 1, rule), Err(Error::ZeroSize(0)));
        assert_eq!(Windows::new(10, 1, 0, rule), Err(Error::ZeroStep(0)));
        assert_eq!(Windows::new(10, 11, 1, rule), Err(Error::SizeExceedsLen { size: 11, len: 10 }));
    }
}

#[test]
fn sizes_near_usize_max_do_not_overflow() {
    let max = usize::MAX;
    // n − w = max − 1, s = max: one window; range(0, max − 1, max) = [0].
    assert_eq!(Windows::new(max, 1, max, WindowRule::AllFull).unwrap().count(), 1);
    assert_eq!(Windows::new(max, 1, max, WindowRule::SeedCompatible).unwrap().count(), 1);
    // Step 1: max windows (starts 0..=max − 1), and one fewer for the seed.
    assert_eq!(Windows::new(max, 1, 1, WindowRule::AllFull).unwrap().count(), max);
    assert_eq!(Windows::new(max, 1, 1, WindowRule::SeedCompatible).unwrap().count(), max - 1);
    // Step 2 over an odd span (max − 1 is even here: max is odd): starts 0, 2, …, max − 1.
    let half = Windows::new(max, 1, 2, WindowRule::AllFull).unwrap();
    assert_eq!(half.count(), (max - 1) / 2 + 1);
    assert_eq!(half.range(half.count() - 1), max - 1..max);
    assert_eq!(Windows::new(max, 1, 2, WindowRule::SeedCompatible).unwrap().count(), (max - 1) / 2);
}
