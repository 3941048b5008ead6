//! Target `job_options`: window planning, thread counts and job options on any numbers, then `run` on a
//! small input of any dtype and any bit patterns.
//!
//! Invariants: nothing panics; `Windows::new` accepts exactly the plans that have windows and its count
//! matches the rule's formula; `Execution::with_threads` refuses only 0 and more than `MAX_THREADS`; `run`
//! either refuses or fills every one of the k values; a parallel run gives the same bits as a sequential one.

use memwin::{
    run, Access, Control, Dtype, Error, Execution, Job, Named, NanPolicy, Stat, Strategy, WindowRule, Windows,
    MAX_THREADS,
};

/// Reads numbers from the fuzzer's bytes; past the end, zeros.
struct Numbers<'a>(&'a [u8]);

impl Numbers<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(b, r)| (*b, r));
        self.0 = rest;
        first
    }
    fn word(&mut self) -> u64 {
        u64::from_le_bytes(std::array::from_fn(|_| self.byte()))
    }
    /// Small, medium, any, or near the top of usize, with `near` (the input length) as a scale.
    fn count(&mut self, near: usize) -> usize {
        let mode = self.byte();
        let raw = self.word();
        match mode % 4 {
            0 => (raw % (near as u64 + 3)) as usize,
            1 => raw as u16 as usize,
            2 => raw as usize,
            _ => usize::MAX - (raw as u8 as usize),
        }
    }
    fn pick<T: Copy>(&mut self, all: &[T]) -> T {
        all[self.byte() as usize % all.len()]
    }
}

/// Lanes actually run: each is a rayon task, so a billion of them is slow, not wrong.
const MAX_LANES_RUN: usize = 16;

pub fn check(data: &[u8]) {
    let mut nums = Numbers(data);
    let n = nums.byte() as usize * 2;
    let planned_len = if nums.byte() % 8 == 0 { nums.count(n) } else { n };
    let size = nums.count(n);
    let step = nums.count(n);
    let rule = nums.pick(&[WindowRule::AllFull, WindowRule::SeedCompatible]);
    let threads = nums.count(4);
    let dtype = nums.pick(&Dtype::ALL);
    let stat = nums.pick(<Stat as Named>::ALL);
    let nan = nums.pick(<NanPolicy as Named>::ALL);
    let strategy = nums.pick(<Strategy as Named>::ALL);
    let access = nums.pick(&[Access::Shared, Access::Copy]);
    let out_len_off = nums.byte() % 16 == 0;

    let exec = Execution::with_threads(threads);
    match threads {
        0 => assert!(exec.is_err()),
        1 => assert_eq!(exec, Ok(Execution::Sequential)),
        t if t > MAX_THREADS => assert_eq!(exec, Err(Error::TooManyThreads(t))),
        t => assert_eq!(exec, Ok(Execution::Parallel { threads: t })),
    }

    let windows = Windows::new(planned_len, size, step, rule);
    let expected_count = (planned_len > 0 && size > 0 && step > 0 && size <= planned_len)
        .then(|| match rule {
            WindowRule::AllFull => (planned_len - size) / step + 1,
            WindowRule::SeedCompatible => (planned_len - size).div_ceil(step),
        })
        .filter(|&k| k > 0);
    assert_eq!(windows.as_ref().map(|w| w.count()).ok(), expected_count, "{planned_len} {size} {step} {rule:?}");
    let (Ok(windows), Ok(exec)) = (windows, exec) else { return };
    assert!(windows.start(windows.count() - 1) + windows.size() <= planned_len);

    let mut job = Job::new(windows);
    (job.stat, job.nan, job.strategy, job.access) = (stat, nan, strategy, access);
    let exec = match exec {
        Execution::Parallel { threads } => Execution::Parallel { threads: threads.min(MAX_LANES_RUN) },
        e => e,
    };
    // The input: the fuzzer's remaining bytes, repeated, as elements of the dtype.
    let rest = nums.0;
    let bytes: Vec<u8> =
        (0..n * dtype.size()).map(|i| if rest.is_empty() { 0 } else { rest[i % rest.len()] }).collect();
    let k = if out_len_off { windows.count() ^ 1 } else { windows.count() };
    // A plan for a longer input than the one given may have any number of windows: its output is never
    // allocated (the job is refused first, whatever the output's length).
    let out_len = if n == planned_len { k } else { k.min(4) };
    memwin::with_element_type!(dtype, T => {
        let input: Vec<T> = bytes.chunks_exact(dtype.size()).map(bytemuck::pod_read_unaligned).collect();
        let mut out = vec![0.0; out_len];
        let result = run(&input, &mut out, &job, exec, &Control::new());
        if input.len() != planned_len || out_len != windows.count() {
            assert!(result.is_err(), "a mismatched input or output must be refused");
            return;
        }
        result.expect("a validated job on a matching input runs");
        let mut sequential = vec![0.0; k];
        run(&input, &mut sequential, &job, Execution::Sequential, &Control::new()).expect("runs sequentially too");
        for (i, (p, s)) in out.iter().zip(&sequential).enumerate() {
            assert!(p.to_bits() == s.to_bits() || (p.is_nan() && s.is_nan()), "window {i}: {p} vs {s} sequentially");
        }
    });
}
