//! `JobSpec::plan`, the one validation every shell goes through, and `Job::chunks`, the one chunk rule.

use memwin::{
    available_parallelism, run, Access, Control, Error, Execution, Job, JobSpec, Named, NanPolicy, Stat, Strategy,
    WindowRule,
};

#[test]
fn plan_defaults_and_refusals() {
    let (job, exec) = JobSpec::new(4).plan(10).unwrap();
    assert_eq!((job.windows.size(), job.windows.step(), job.windows.count()), (4, 4, 2));
    assert_eq!(exec, Execution::with_threads(available_parallelism()).unwrap());
    assert_ne!(job.strategy, Strategy::Auto, "auto is resolved once, in plan");

    let seed = JobSpec { step: Some(3), rule: WindowRule::SeedCompatible, ..JobSpec::new(4) };
    assert_eq!(seed.plan(10).unwrap().0.windows.count(), 2, "range(0, 10 - 4, 3) = [0, 3]");
    assert_eq!(JobSpec { threads: Some(1), ..JobSpec::new(4) }.plan(10).unwrap().1, Execution::Sequential);

    for (spec, want) in [
        (JobSpec::new(0), Error::ZeroSize(0)),
        (JobSpec::new(11), Error::SizeExceedsLen { size: 11, len: 10 }),
        (JobSpec { step: Some(0), ..JobSpec::new(4) }, Error::ZeroStep(0)),
        (JobSpec { threads: Some(0), ..JobSpec::new(4) }, Error::ZeroThreads(0)),
        (JobSpec { threads: Some(1025), ..JobSpec::new(4) }, Error::TooManyThreads(1025)),
    ] {
        assert_eq!(spec.plan(10), Err(want), "{spec:?}");
    }
    assert_eq!(JobSpec::new(1).plan(0), Err(Error::EmptyInput));
    // A cost that is not a finite duration is an error, never Duration's panic; a huge one reads as 1e300.
    for (ms, shown) in [
        (f64::NAN, "NaN"),
        (f64::INFINITY, "inf"),
        (-1.0, "-1"),
        (1e300, "1e300"),
        (f64::MAX, "1.7976931348623157e308"),
    ] {
        assert_eq!((JobSpec { cost_ms: ms, ..JobSpec::new(4) }).plan(10), Err(Error::BadCost(shown.into())));
    }
    // The default thread count is the machine's, capped at MAX_THREADS.
    let machine = std::thread::available_parallelism().map_or(1, |n| n.get()).min(memwin::MAX_THREADS);
    assert_eq!(available_parallelism(), machine);
    // Every option reaches the job.
    let spec = JobSpec {
        step: Some(2),
        stat: Stat::Max,
        nan: NanPolicy::Skip,
        strategy: Strategy::Blocked,
        access: Access::Copy,
        cost_ms: 2.5,
        threads: Some(3),
        ..JobSpec::new(4)
    };
    let (job, exec) = spec.plan(10).unwrap();
    assert_eq!(
        (job.stat, job.nan, job.strategy, job.access),
        (Stat::Max, NanPolicy::Skip, Strategy::Blocked, Access::Copy)
    );
    assert_eq!(job.cost, std::time::Duration::from_micros(2500));
    assert_eq!((job.windows.step(), job.windows.count(), exec), (2, 4, Execution::Parallel { threads: 3 }));
    // A cost is one task per window: auto is per-window.
    let costly = JobSpec { step: Some(1), cost_ms: 1.0, ..JobSpec::new(4) }.plan(10).unwrap().0;
    assert_eq!(costly.strategy, Strategy::PerWindow);
}

#[test]
fn every_strategy_supports_todays_statistics() {
    for &stat in Stat::ALL {
        for &strategy in Strategy::ALL {
            assert!(strategy.supports(stat), "{strategy} {stat}");
            let spec = JobSpec { stat, strategy, step: Some(1), ..JobSpec::new(3) };
            assert!(spec.plan(10).is_ok(), "{strategy} {stat}");
        }
    }
}

/// Chunks at multiples of the alignment give the whole run's bits, for every strategy and statistic, on data
/// far from zero (where var and std under sliding depend on the block grid).
#[test]
fn aligned_chunks_give_the_whole_runs_bits() {
    let n = 20_000;
    let x: Vec<f64> = (0..n).map(|i| 1e6 + ((i as u64 * 2_654_435_761) % 10_007) as f64 * 3e-4).collect();
    for (w, s) in [(1000, 1), (500, 3), (700, 7), (64, 64), (10, 25), (96, 40)] {
        for &stat in Stat::ALL {
            for strategy in Strategy::CONCRETE {
                let spec = JobSpec { step: Some(s), stat, strategy, threads: Some(1), ..JobSpec::new(w) };
                let (job, exec) = spec.plan(n).unwrap();
                let mut whole = vec![0.0; job.windows.count()];
                run(&x, &mut whole, &job, exec, &Control::new()).unwrap();
                let align = job.chunk_alignment();
                assert_eq!(align, if strategy == Strategy::Sliding { w / gcd(w, s) } else { 1 });
                for per in [align, 3 * align, job.windows_per_chunk(100), job.windows.count()] {
                    let mut pieces = Vec::new();
                    let mut next = 0;
                    for (first, sub) in job.chunks(per) {
                        assert_eq!(first, next, "chunks in order, none skipped");
                        assert_eq!(sub.strategy, strategy);
                        let start = job.windows.start(first);
                        let mut out = vec![0.0; sub.windows.count()];
                        run(&x[start..start + sub.windows.len()], &mut out, &sub, exec, &Control::new()).unwrap();
                        next = first + out.len();
                        pieces.extend(out);
                    }
                    let same = whole.iter().zip(&pieces).all(|(a, b)| a.to_bits() == b.to_bits());
                    assert!(same && whole.len() == pieces.len(), "w {w} s {s} {stat} {strategy} per {per}");
                }
            }
        }
    }
}

/// A job made by hand keeps `Auto`; its chunks carry the strategy the whole job resolves to, since a chunk
/// alone may resolve to another (fewer windows, other costs) and lose the whole run's bits.
#[test]
fn chunks_carry_the_whole_jobs_strategy() {
    let windows = memwin::Windows::new(3_000_000, 1000, 1, WindowRule::AllFull).unwrap();
    let job = Job { stat: Stat::Var, ..Job::new(windows) };
    assert_eq!(job.strategy, Strategy::Auto);
    let whole = job.resolved_strategy();
    assert_ne!(whole, Strategy::Auto);
    let per = job.windows_per_chunk(memwin::chunks::MIN_WINDOWS);
    assert!(per >= 1 << 16 && per % job.chunk_alignment() == 0, "{per}");
    let mut seen = 0;
    for (_, sub) in job.chunks(per) {
        assert_eq!(sub.strategy, whole);
        seen += sub.windows.count();
    }
    assert_eq!(seen, windows.count());
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// `run` takes up to MAX_THREADS lanes (more lanes than the pool has threads is fine: lanes claim work), and
/// refuses one more.
#[test]
fn run_takes_max_threads_lanes_and_refuses_more() {
    let x: Vec<f64> = (0..100).map(f64::from).collect();
    let (job, _) = JobSpec { step: Some(1), ..JobSpec::new(10) }.plan(x.len()).unwrap();
    let mut out = vec![0.0; job.windows.count()];
    let most = Execution::Parallel { threads: memwin::MAX_THREADS };
    assert!(run(&x, &mut out, &job, most, &Control::new()).is_ok());
    assert_eq!(out[0], 4.5, "mean of 0..10");
    let too_many = Execution::Parallel { threads: memwin::MAX_THREADS + 1 };
    assert_eq!(run(&x, &mut out, &job, too_many, &Control::new()), Err(Error::TooManyThreads(memwin::MAX_THREADS + 1)));
}
