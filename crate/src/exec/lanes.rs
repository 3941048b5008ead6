//! Lanes: how a run's pieces are handed out to threads.
//!
//! A parallel run is `threads` rayon tasks (lanes) that each claim the next pieces from one atomic counter
//! ([`Claims`]) until none is left (joblib's dynamic dispatch). A lane never waits for another, so k equal
//! tasks finish in ⌈k/threads⌉ rounds, and the number of lanes (not the size of the pool) sets the
//! parallelism, which lets the browser, whose pool is started once, run with fewer threads than it has.

use super::claims::Claims;
use super::control::Control;
use crate::job::execution::Execution;
use std::ops::Range;

/// How many pieces a lane claims at once: enough elements to amortise the atomic, one at a time when each
/// window carries a simulated cost (so k tasks balance to ⌈k/threads⌉ rounds).
pub(crate) fn chunk_len(items: usize, elements_per_item: usize, lanes: usize, costly: bool) -> usize {
    if costly {
        return 1;
    }
    const ELEMENTS_PER_CLAIM: usize = 1 << 16;
    let by_work = (ELEMENTS_PER_CLAIM / elements_per_item.max(1)).max(1);
    let by_balance = (items / (lanes * 8)).max(1);
    by_work.min(by_balance)
}

/// How many threads may share one item's pass when there are fewer items than lanes (one long window, or a
/// few blocks): 1 when every lane has an item of its own.
pub(crate) fn ways_per_item(items: usize, exec: Execution) -> usize {
    (exec.threads() / items.max(1)).max(1)
}

/// Runs `task(scratch, group, windows, out)` for every piece of `claims`: in order on this thread, or on
/// `exec.threads()` lanes, each with its own `scratch` entry (allocated by the caller before the pool
/// starts, so an allocation failure is an error, not an abort). Stops claiming once cancelled.
pub(crate) fn for_each_piece<S: Send>(
    claims: &Claims,
    chunk: usize,
    exec: Execution,
    ctl: &Control,
    scratch: &mut [S],
    task: impl Fn(&mut S, usize, Range<usize>, &mut [f64]) + Sync,
) {
    assert!(scratch.len() >= exec.threads(), "one scratch per lane");
    let lane = |s: &mut S| {
        while let Some(claim) = claims.next(chunk) {
            for (g, windows, out) in claim {
                if ctl.is_cancelled() {
                    return;
                }
                task(s, g, windows, out);
            }
        }
    };
    match exec {
        Execution::Sequential => lane(&mut scratch[0]),
        Execution::Parallel { threads } => {
            let lane = &lane;
            rayon::scope(|sc| {
                for s in scratch.iter_mut().take(threads) {
                    sc.spawn(move |_| lane(s));
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A claim takes about 2^16 elements' worth of items, and at most an eighth of a lane's share.
    #[test]
    fn claims_amortise_the_atomic_and_balance_the_lanes() {
        assert_eq!(chunk_len(1_000_000, 16, 2, false), 4096, "2^16 elements of 16-element items");
        assert_eq!(chunk_len(1000, 16, 2, false), 62, "1000 items / (2 lanes × 8)");
        assert_eq!(chunk_len(1000, 1 << 20, 2, false), 1, "an item longer than a claim");
        assert_eq!(chunk_len(10, 16, 4, false), 1, "fewer items than 8 a lane");
        assert_eq!(chunk_len(1_000_000, 16, 2, true), 1, "a simulated cost: one item at a time");
        assert_eq!(chunk_len(1_000_000, 0, 1, false), 65_536, "an empty item counts as one element");
    }

    /// Spare lanes share an item's passes only when there are fewer items than lanes.
    #[test]
    fn ways_split_only_when_items_are_fewer_than_lanes() {
        let exec = |t| Execution::with_threads(t).unwrap();
        assert_eq!(ways_per_item(1, exec(8)), 8);
        assert_eq!(ways_per_item(3, exec(8)), 2);
        assert_eq!(ways_per_item(8, exec(8)), 1);
        assert_eq!(ways_per_item(100, exec(2)), 1);
        assert_eq!(ways_per_item(0, exec(4)), 4, "no items count as one");
        assert_eq!(ways_per_item(5, exec(1)), 1);
    }
}
