//! Jobs whose blocks fill several tiles of the blocked strategy: every window of every tile against a naive
//! reference, 2 lanes bit-identical to one. The other kernel tests fit in the first tile (a tile
//! holds at least 2¹⁸ blocks), so an error in how the next tile starts would pass them.

use crate::common::*;
use memwin::{run, Control, Execution, Job, Named, NanPolicy, Partial, Stat, Strategy, WindowRule, Windows};

/// How many tiles the blocked strategy cuts `windows` into, from the scratch it says it needs (one tile of
/// partials) and the blocks the windows cover.
fn tiles(windows: Windows) -> usize {
    let job = Job { strategy: Strategy::Blocked, ..Job::new(windows) };
    let tile_blocks = job.scratch_bytes(1, 8) as usize / std::mem::size_of::<Partial>();
    let g = windows.block();
    let all_blocks = (windows.start(windows.count() - 1) + windows.size()) / g;
    all_blocks.div_ceil(tile_blocks)
}

/// Every strategy that does not read window by window (per-window has no tiles), `Auto` only when it picks
/// one of those, each once.
fn tiled_strategies(windows: Windows) -> Vec<Strategy> {
    let mut picked: Vec<Strategy> = Vec::new();
    for &strategy in <Strategy as Named>::ALL {
        let resolved = Job { strategy, ..Job::new(windows) }.resolved_strategy();
        if resolved != Strategy::PerWindow && !picked.contains(&resolved) {
            picked.push(resolved);
        }
    }
    picked
}

/// Every statistic under `nans`, with every tiled strategy, sequential and on 2 lanes.
fn check(x: &[f64], size: usize, step: usize, rule: WindowRule, nans: &[NanPolicy]) {
    let windows = Windows::new(x.len(), size, step, rule).unwrap();
    assert!(tiles(windows) >= 3, "the case must span several tiles, not {}", tiles(windows));
    let strategies = tiled_strategies(windows);
    assert!(strategies.contains(&Strategy::Blocked));
    let two = pool(2);
    for &stat in <Stat as Named>::ALL {
        for &nan in nans {
            let expected: Vec<f64> = (0..windows.count()).map(|i| naive(&x[windows.range(i)], stat, nan)).collect();
            for &strategy in &strategies {
                let job = Job { stat, nan, strategy, ..Job::new(windows) };
                let mut sequential = vec![f64::NAN; windows.count()];
                let ctl = Control::new();
                run(x, &mut sequential, &job, Execution::Sequential, &ctl).unwrap();
                assert_eq!(ctl.done(), windows.count(), "{strategy:?}: progress counts every window of every tile");
                for (i, (&got, &want)) in sequential.iter().zip(&expected).enumerate() {
                    let s = scale(&x[windows.range(i)], stat);
                    assert!(close(got, want, s, 1e-12), "{stat} {nan} {strategy:?} window {i}: {got} vs naive {want}");
                }
                let mut parallel = vec![f64::NAN; windows.count()];
                two.install(|| run(x, &mut parallel, &job, Execution::Parallel { threads: 2 }, &Control::new()))
                    .unwrap();
                let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
                assert!(bits(&parallel) == bits(&sequential), "{stat} {nan} {strategy:?}: 2 lanes differ from 1");
            }
        }
    }
}

#[test]
fn coprime_size_and_step_over_a_million_single_element_blocks() {
    // gcd(97, 13) = 1: ~1e6 blocks of one element, 76,916 windows, four tiles; NaNs in a few windows only.
    check(&data(1_000_000, 11, 9_973), 97, 13, WindowRule::AllFull, &[NanPolicy::Propagate, NanPolicy::Skip]);
}

#[test]
fn two_element_blocks_windows_of_five_blocks_stepping_two() {
    // gcd(10, 4) = 2: a window is 5 blocks, a step 2, so neighbouring tiles share the blocks at their edge.
    // The seed's rule leaves out the last window, which sits in the last tile.
    check(&data(2_000_003, 12, 0), 10, 4, WindowRule::SeedCompatible, &[NanPolicy::Propagate]);
}
