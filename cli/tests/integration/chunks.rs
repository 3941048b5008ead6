//! The kernel's chunk rule as the CLI streams with it (`Job::chunks`, `Job::windows_per_chunk`): the chunks'
//! windows, mapped back to the whole input, are the job's windows once each and in order, and a sliding
//! job's chunks start on multiples of lcm(w, s). (These were the unit tests of the CLI's own copy of the
//! rule, `cli/src/chunk.rs`, before the rule moved into the kernel.)

use memwin::chunks::MIN_WINDOWS;
use memwin::{JobSpec, Strategy, WindowRule};

#[test]
fn chunks_cover_every_window_once() {
    for (n, size, step, rule) in [
        (1000, 10, 1, WindowRule::AllFull),
        (1000, 10, 3, WindowRule::SeedCompatible),
        (200_000, 7, 1, WindowRule::AllFull),
        (200_000, 1000, 999, WindowRule::AllFull),
        (1_000_000, 97, 13, WindowRule::SeedCompatible),
    ] {
        for strategy in [Strategy::PerWindow, Strategy::Blocked, Strategy::Sliding] {
            let spec = JobSpec { step: Some(step), rule, strategy, threads: Some(1), ..JobSpec::new(size) };
            let (job, _) = spec.plan(n).unwrap();
            let count = job.windows.count();
            for per in [1, 7, job.windows_per_chunk(MIN_WINDOWS), count] {
                let mut starts = Vec::new();
                for (first, sub) in job.chunks(per) {
                    let base = first * step;
                    assert!(base + sub.windows.len() <= n);
                    assert_eq!(sub.strategy, job.strategy, "each chunk runs the whole job's strategy");
                    starts.extend((0..sub.windows.count()).map(|i| base + i * step));
                }
                let expected: Vec<usize> = (0..count).map(|i| i * step).collect();
                assert_eq!(starts, expected, "n {n} w {size} s {step} {strategy:?} per {per}");
            }
        }
    }
}

#[test]
fn aligned_chunks_start_on_multiples_of_lcm() {
    // gcd(1000, 600) = 200: a sliding chunk starts every 1000 / 200 = 5 windows, every 3000 elements =
    // lcm(1000, 600).
    let spec = JobSpec { step: Some(600), strategy: Strategy::Sliding, threads: Some(1), ..JobSpec::new(1000) };
    let (job, _) = spec.plan(100_000_000).unwrap();
    assert_eq!(job.chunk_alignment(), 5);
    let per = job.windows_per_chunk(MIN_WINDOWS);
    assert_eq!(per % 5, 0);
    assert!(per >= MIN_WINDOWS);
    for (first, _) in job.chunks(per) {
        assert_eq!(first * 600 % 3000, 0);
    }
    // Per-window needs no alignment, and a small job is one chunk: (100 - 10) / 1 + 1 = 91 windows.
    let per_window = JobSpec { step: Some(600), strategy: Strategy::PerWindow, ..JobSpec::new(1000) };
    assert_eq!(per_window.plan(100_000_000).unwrap().0.chunk_alignment(), 1);
    let small = JobSpec { step: Some(1), strategy: Strategy::Blocked, ..JobSpec::new(10) };
    assert_eq!(small.plan(100).unwrap().0.windows_per_chunk(MIN_WINDOWS), 91);
}
