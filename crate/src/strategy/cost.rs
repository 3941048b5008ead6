//! `Strategy::Auto`'s cost model: the estimated time of each strategy for a job, and the cheapest.
//!
//! Each estimate is a sum of counts (elements read, windows finished, blocks, merges) times a cost per
//! count in nanoseconds on one thread of this project's machine (an AMD EPYC, 2 cores). Parallelism scales
//! all three alike, so it is left out. The constants were read off
//! `cargo run --release -p memwin --example strategy_costs`, which times each strategy on jobs that isolate
//! one term (step 1 for the scans, s = 100 for their per-element cost, no overlap for the per-window
//! overhead, g = 16 and 250 for blocks and merges), scaled by the per-window pass as the unit (0.25 ns an
//! f64 element read from cache). Every strategy also reads the data from memory once (about 1 ns an
//! element here); that term is common to all, so it is left out: only the differences decide. The sliding
//! constants were refitted (2026-11-28) after the chains in lockstep; the blocked merge cost with them.
//! bench/rolling_vs_peers.py checks the choice against every strategy forced by hand (target R5: auto within
//! 20% of the best).

use crate::job::job::Job;
use crate::job::options::Strategy;
use crate::stat::kind::Stat;

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
    // Overlapping sums and moments slide running aggregates from anchors (sliding/lockstep.rs): about
    // two anchor elements folded per element, s pairs slid per window (four chains in lockstep when a
    // block has enough windows, else one). The rest scans each block with a window start backwards, and
    // the next one forwards up to its last start: two passes over the covered span when windows overlap,
    // about one per window when they do not.
    let blocks_of_w = covered / size;
    let sliding = match (c.slide, step < size) {
        (Some(slide), true) => {
            let lockstep = size / step >= 64.0;
            let (fold, pair) = if lockstep { (slide.fold, slide.pair) } else { (slide.fold_one, slide.pair_one) };
            covered * fold + k * step * pair + k * c.sliding_window + blocks_of_w * c.sliding_block
        }
        _ => {
            let scanned = if step >= size { k * size } else { 2.0 * covered };
            scanned * c.scan + k * c.sliding_window + blocks_of_w * c.sliding_block
        }
    };
    [(Strategy::PerWindow, per_window), (Strategy::Blocked, blocked), (Strategy::Sliding, sliding)]
}

/// The concrete strategy `Auto` stands for: per-window with a simulated cost (the seed experiment keeps
/// one task per window), else the cheapest estimate among the strategies that compute the statistic (the
/// earlier one on a tie).
pub fn cheapest(job: &Job) -> Strategy {
    if !job.cost.is_zero() {
        return Strategy::PerWindow;
    }
    let mut best = (Strategy::PerWindow, f64::INFINITY);
    for (s, ns) in estimates(job) {
        if s.supports(job.stat) && ns < best.1 {
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
    /// An element pushed onto a running suffix or prefix (sliding's scans).
    scan: f64,
    /// A window finished by the sliding strategy (made of a suffix and a prefix, or held and written).
    sliding_window: f64,
    /// A block of w elements set up by the sliding strategy (anchors, batches).
    sliding_block: f64,
    /// The running aggregates' costs, for the statistics that slide (sums and moments).
    slide: Option<SlideCosts>,
}

/// Sliding's running aggregates: an element folded into the anchors, a pair (one element in, one out)
/// slid; with the chains in lockstep, and one chain alone.
struct SlideCosts {
    fold: f64,
    pair: f64,
    fold_one: f64,
    pair_one: f64,
}

impl Costs {
    fn of(stat: Stat) -> Costs {
        match stat {
            Stat::Mean | Stat::Sum => Costs {
                pairwise: 0.25,
                window: 20.0,
                block: 60.0,
                merge: 17.0,
                scan: 3.0,
                sliding_window: 3.7,
                sliding_block: 200.0,
                slide: Some(SlideCosts { fold: 0.4, pair: 0.4, fold_one: 1.0, pair_one: 1.2 }),
            },
            Stat::Min | Stat::Max => Costs {
                pairwise: 0.25,
                window: 20.0,
                block: 60.0,
                merge: 17.0,
                scan: 0.63,
                sliding_window: 6.3,
                sliding_block: 130.0,
                slide: None,
            },
            Stat::Var | Stat::Std => Costs {
                pairwise: 0.6,
                window: 20.0,
                block: 80.0,
                merge: 20.0,
                scan: 4.5,
                sliding_window: 6.0,
                sliding_block: 400.0,
                slide: Some(SlideCosts { fold: 1.0, pair: 1.8, fold_one: 2.0, pair_one: 3.0 }),
            },
        }
    }
}
