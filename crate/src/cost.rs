//! `Strategy::Auto`'s cost model: the estimated time of each strategy for a job, and the cheapest.
//!
//! Each estimate is a sum of counts (elements read, windows finished, blocks, merges) times a cost per
//! count in nanoseconds on one thread of this project's machine (an AMD EPYC, 2 cores). Parallelism scales
//! all three alike, so it is left out. The constants were read off
//! `cargo run --release -p memwin --example strategy_costs`, which times each strategy on jobs that isolate
//! one term (step 1 for the scans, s = 100 for their per-element cost, no overlap for the per-window
//! overhead, g = 16 and 250 for blocks and merges), scaled by the per-window pass as the unit (0.25 ns an
//! f64 element; the machine was shared and slowed by ~3× when they were taken, so only ratios were kept).
//! bench/rolling_vs_peers.py checks the choice against every strategy forced by hand (target R5: auto within
//! 20% of the best).

use crate::{Job, Stat, Strategy};

/// The estimated nanoseconds of each concrete strategy for `job`: per-window, blocked, sliding.
pub fn estimates(job: &Job) -> [(Strategy, f64); 3] {
    let w = &job.windows;
    let (size, step, k) = (w.size() as f64, w.step() as f64, w.count() as f64);
    let g = w.block() as f64;
    let covered = (w.start(w.count() - 1) + w.size()) as f64;
    let c = Costs::of(job.stat);

    // Reads every window: k·w elements, each pass, and pays a task's overhead per window.
    let per_window = k * (size * c.pairwise + c.window);
    // Reads the covered span once in blocks of g, then merges w/g partials a window (when windows overlap;
    // otherwise each window merges its own blocks as it reads them).
    let blocks = if step >= size { k * size / g } else { covered / g };
    let blocked = covered.min(k * size) * c.pairwise + blocks * c.block + k * (size / g) * c.merge;
    // Scans each block with a window start backwards, and the next one forwards up to its last start:
    // two passes over the covered span when windows overlap, about one per window when they do not.
    let scanned = if step >= size { k * size } else { 2.0 * covered };
    let sliding = scanned * c.scan + k * c.sliding_window;
    [(Strategy::PerWindow, per_window), (Strategy::Blocked, blocked), (Strategy::Sliding, sliding)]
}

/// The concrete strategy `Auto` stands for: per-window with a simulated cost (the seed experiment keeps
/// one task per window), else the cheapest estimate (the earlier one on a tie).
pub fn cheapest(job: &Job) -> Strategy {
    if !job.cost.is_zero() {
        return Strategy::PerWindow;
    }
    let mut best = (Strategy::PerWindow, f64::INFINITY);
    for (s, ns) in estimates(job) {
        if ns < best.1 {
            best = (s, ns);
        }
    }
    best.0
}

/// Nanoseconds per count, for one statistic.
struct Costs {
    /// An element read by a pairwise pass (per-window, blocked's blocks): all its passes for the statistic.
    pairwise: f64,
    /// A window finished (its value computed from its aggregate, written, counted).
    window: f64,
    /// A block partial made (blocked), beyond its elements' reads.
    block: f64,
    /// A partial merged into a window (blocked).
    merge: f64,
    /// An element pushed onto a running suffix or prefix (sliding).
    scan: f64,
    /// A window made of a suffix and a prefix (sliding).
    sliding_window: f64,
}

impl Costs {
    fn of(stat: Stat) -> Costs {
        match stat {
            Stat::Mean | Stat::Sum => {
                Costs { pairwise: 0.25, window: 20.0, block: 60.0, merge: 10.0, scan: 3.0, sliding_window: 4.5 }
            }
            Stat::Min | Stat::Max => {
                Costs { pairwise: 0.25, window: 20.0, block: 60.0, merge: 10.0, scan: 2.0, sliding_window: 2.0 }
            }
            Stat::Var | Stat::Std => {
                Costs { pairwise: 0.6, window: 20.0, block: 80.0, merge: 14.0, scan: 4.5, sliding_window: 12.0 }
            }
        }
    }
}
