//! A job of many windows cut into chunks, for output that is streamed rather than held whole. Chunk j runs
//! the kernel on the sub-slice that starts at its first window's start, with every full window of that
//! sub-slice. The kernel anchors each strategy's grid at the slice's element 0 (blocks of gcd(w, s) for
//! blocked, of w for sliding), so a chunk that starts on a multiple of that grid computes the same bits as
//! one whole run: per-window and blocked align on any window (its start is a multiple of gcd(w, s)), and
//! other strategies on every (w / gcd(w, s))-th, whose start is a multiple of lcm(w, s).

use memwin::{Strategy, WindowRule, Windows};

/// Chunks hold at least this many windows (512 KiB of values), so the kernel's per-call cost is amortised.
pub const MIN_WINDOWS: usize = 1 << 16;

/// Every how many windows a chunk may start for `strategy` (already resolved: not `Auto`).
pub fn alignment(w: &Windows, strategy: Strategy) -> usize {
    match strategy {
        Strategy::PerWindow | Strategy::Blocked => 1,
        // Sliding, and any strategy added later: chunks start on multiples of lcm(w, s).
        _ => w.size() / w.block(),
    }
}

/// Windows per chunk: at least [`MIN_WINDOWS`] (or all of them), a multiple of the alignment.
pub fn windows_per_chunk(w: &Windows, strategy: Strategy) -> usize {
    let align = alignment(w, strategy);
    MIN_WINDOWS.div_ceil(align).saturating_mul(align).min(w.count())
}

/// The chunks in order: each one's first window (in `w`'s numbering) and its windows over its sub-slice
/// `x[w.start(first)..][..sub.len()]`.
pub fn chunks(w: &Windows, per_chunk: usize) -> impl Iterator<Item = (usize, Windows)> + '_ {
    let per_chunk = per_chunk.max(1);
    (0..w.count()).step_by(per_chunk).map(move |first| {
        let count = per_chunk.min(w.count() - first);
        let len = (count - 1) * w.step() + w.size();
        // Cannot fail: len ≥ size ≥ 1, and the all-full rule gives exactly `count` windows over it.
        let sub = Windows::new(len, w.size(), w.step(), WindowRule::AllFull).expect("a sub-slice of whole windows");
        (first, sub)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunks' windows, mapped back to the whole input, are the job's windows, once each and in order.
    #[test]
    fn chunks_cover_every_window_once() {
        for (n, size, step, rule) in [
            (1000, 10, 1, WindowRule::AllFull),
            (1000, 10, 3, WindowRule::SeedCompatible),
            (200_000, 7, 1, WindowRule::AllFull),
            (200_000, 1000, 999, WindowRule::AllFull),
            (1_000_000, 97, 13, WindowRule::SeedCompatible),
        ] {
            let w = Windows::new(n, size, step, rule).unwrap();
            for strategy in [Strategy::PerWindow, Strategy::Blocked] {
                for per in [1, 7, windows_per_chunk(&w, strategy), w.count()] {
                    let mut starts = Vec::new();
                    for (first, sub) in chunks(&w, per) {
                        let base = first * step;
                        assert!(base + sub.len() <= n);
                        starts.extend((0..sub.count()).map(|i| base + i * step));
                    }
                    let expected: Vec<usize> = (0..w.count()).map(|i| i * step).collect();
                    assert_eq!(starts, expected, "n {n} w {size} s {step} per {per}");
                }
            }
        }
    }

    #[test]
    fn aligned_chunks_start_on_multiples_of_lcm() {
        let w = Windows::new(100_000_000, 1000, 600, WindowRule::AllFull).unwrap();
        // gcd 200: a chunk starts every 5 windows, i.e. every 3000 elements = lcm(1000, 600).
        assert_eq!(alignment(&w, Strategy::Auto), 5);
        let per = windows_per_chunk(&w, Strategy::Auto);
        assert_eq!(per % 5, 0);
        assert!(per >= MIN_WINDOWS);
        for (first, _) in chunks(&w, per) {
            assert_eq!(first * 600 % 3000, 0);
        }
        // Per-window needs no alignment, and a small job is one chunk.
        assert_eq!(alignment(&w, Strategy::PerWindow), 1);
        let small = Windows::new(100, 10, 1, WindowRule::AllFull).unwrap();
        assert_eq!(windows_per_chunk(&small, Strategy::Blocked), 91);
    }
}
