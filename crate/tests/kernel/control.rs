//! Progress, cancellation and the validation that keeps bad input out of the pool.

use crate::common::*;
use crate::spy::{Spy, READERS};
use memwin::{run, Control, Error, Execution, Job, WindowRule, Windows};
use std::sync::atomic::Ordering;
use std::time::Duration;

#[test]
fn cancel_stops_a_long_run_early() {
    let x = data(100_000, 1, 0);
    let windows = Windows::new(x.len(), 1_000, 500, WindowRule::AllFull).unwrap();
    let job = Job { cost: Duration::from_millis(5), ..Job::new(windows) };
    let mut out = vec![f64::NAN; windows.count()];
    let ctl = Control::new();
    let at_cancel = std::sync::atomic::AtomicUsize::new(0);
    let result = std::thread::scope(|s| {
        s.spawn(|| {
            while ctl.done() < 10 {
                std::thread::sleep(Duration::from_millis(1));
            }
            at_cancel.store(ctl.done(), Ordering::Relaxed);
            ctl.cancel();
        });
        pool(2).install(|| run(&x, &mut out, &job, Execution::Parallel { threads: 2 }, &ctl))
    });
    assert_eq!(result, Err(Error::Cancelled));
    // 199 windows × 5 ms on 2 threads would take ~500 ms; cancel lands within the window each lane is on
    // (counted from when the flag was set, so a watcher that the OS wakes late does not count).
    let (at, done) = (at_cancel.load(Ordering::Relaxed), ctl.done());
    assert!(done - at <= 2 * 2, "done {done} of {}, {at} when cancelled", windows.count());
    assert!(done < windows.count(), "stopped early: {done} of {}", windows.count());
}

#[test]
fn parallel_lanes_run_on_distinct_threads() {
    let x: Vec<Spy> = data(10_000, 2, 0).into_iter().map(Spy).collect();
    let windows = Windows::new(x.len(), 100, 100, WindowRule::AllFull).unwrap();
    // A small cost per window keeps both lanes busy long enough for each to claim work.
    let job = Job { cost: Duration::from_millis(2), ..Job::new(windows) };
    let mut out = vec![0.0; windows.count()];
    pool(2).install(|| run(&x, &mut out, &job, Execution::Parallel { threads: 2 }, &Control::new())).unwrap();
    assert_eq!(READERS.load(Ordering::Relaxed), 0b11, "both pool threads read input");
}

#[test]
fn validation_happens_before_any_work() {
    let x = data(100, 3, 0);
    assert_eq!(Windows::new(0, 1, 1, WindowRule::AllFull), Err(Error::EmptyInput));
    assert_eq!(Windows::new(100, 0, 1, WindowRule::AllFull), Err(Error::ZeroSize(0)));
    assert_eq!(Windows::new(100, 10, 0, WindowRule::AllFull), Err(Error::ZeroStep(0)));
    assert_eq!(Windows::new(100, 101, 1, WindowRule::AllFull), Err(Error::SizeExceedsLen { size: 101, len: 100 }));
    assert_eq!(Windows::new(100, 100, 1, WindowRule::SeedCompatible), Err(Error::NoWindows { len: 100, size: 100 }));
    let windows = Windows::new(100, 10, 10, WindowRule::AllFull).unwrap();
    let ctl = Control::new();
    let job = Job::new(windows);
    assert_eq!(
        run(&x[..99], &mut [0.0; 10], &job, Execution::Sequential, &ctl),
        Err(Error::InputLen { expected: 100, got: 99 })
    );
    assert_eq!(
        run(&x, &mut [0.0; 9], &job, Execution::Sequential, &ctl),
        Err(Error::OutputLen { expected: 10, got: 9 })
    );
    assert_eq!(Execution::with_threads(0), Err(Error::ZeroThreads(0)));
    // The lane count is capped in the kernel, whatever the shell checked: each lane gets scratch and a task.
    assert_eq!(Execution::with_threads(1024).map(Execution::threads), Ok(1024));
    assert_eq!(Execution::with_threads(1025), Err(Error::TooManyThreads(1025)));
    assert_eq!(
        run(&x, &mut [0.0; 10], &job, Execution::Parallel { threads: 1_000_000_000 }, &ctl),
        Err(Error::TooManyThreads(1_000_000_000))
    );
    assert_eq!(
        Error::TooManyThreads(5000).to_string(),
        "thread count must be at most 1024, got 5000",
        "one line naming the limit and the value"
    );
    assert_eq!(ctl.done(), 0, "nothing ran");
}
