//! Thousands of random jobs: length, window, step, window rule, statistic, NaN policy, dtype, strategy (every
//! one there is, read from `Strategy::ALL`), access and 1 to 8 lanes. Each job must be bit-identical on its
//! lanes to the sequential run, count every window as done, and stay within a stated tolerance of the naive
//! reference (a left-to-right loop and a two-pass variance over the window widened to f64):
//!
//!   |got − want| ≤ 4 · (w + 8) · ε · scale,   and for std the same bound on |got² − want²| (scale²)
//!
//! where ε is f64's machine epsilon and scale the window's largest magnitude (times w for sum, squared for
//! var). A naive sum of w terms errs by up to (w − 1) · ε · Σ|x|, the kernel's sums by less, so this holds
//! for any correct job, while one element too many or too few in a window moves the result by about 1/w.
//! One exception, stated: the sliding strategy's var and std sum (x − c)² with c a data value at a block
//! boundary, not the window's mean, so their error scales with c too; for them the scale is the whole
//! input's largest magnitude, squared. (Seed 3, job 1427: a std of 2.4054205271456794 over two elements
//! where the two-pass reference gives 2.405420527145652, 1e-14 off, more than the bound for w = 2.)
//!
//! Seeded and reproducible: the seed is printed, a failure prints the job and the command that reruns it
//! alone. `MEMWIN_STRESS_JOBS` (default 2,000) sets how many jobs run, `MEMWIN_STRESS_SEED` the seed,
//! `MEMWIN_STRESS_ONLY` one job's number, `MEMWIN_STRESS_SECS` (default 60) a time limit after which the
//! rest is skipped and the count of jobs run is printed. Run more by hand:
//!   MEMWIN_STRESS_JOBS=100000 MEMWIN_STRESS_SECS=3600 cargo test --release -p memwin --test kernel -- stress:: --nocapture

use crate::common::*;
use memwin::{
    run, with_element_type, Access, Control, Dtype, Element, Execution, Job, Named, NanPolicy, Stat, Strategy,
    WindowRule, Windows,
};
use std::fmt;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The seed when `MEMWIN_STRESS_SEED` is not set: CI runs the same jobs every time.
const DEFAULT_SEED: u64 = 0x6d65_6d77_696e;
const DEFAULT_JOBS: usize = 2_000;
const DEFAULT_SECS: u64 = 60;
/// Most jobs read at most this many elements per run (k · w), so thousands fit in a minute.
const READ_BUDGET: usize = 200_000;

/// SplitMix64: tiny, and owned by the test, so a job's numbers never depend on another crate's version.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in lo..=hi.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.between(0, from.len() - 1)]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Where the NaNs go (floats only: an integer input has none).
#[derive(Debug, Clone, Copy)]
enum Nans {
    None,
    /// One every `k` elements.
    Every(usize),
    /// Exactly one, at this index: only one piece of a split window holds it.
    One(usize),
    /// A run of NaNs, so some windows hold nothing else.
    Run(usize, usize),
}

/// One random job, all it takes to rebuild it.
#[derive(Debug, Clone, Copy)]
struct Spec {
    n: usize,
    w: usize,
    s: usize,
    rule: WindowRule,
    stat: Stat,
    nan: NanPolicy,
    dtype: Dtype,
    strategy: Strategy,
    access: Access,
    threads: usize,
    data_seed: u64,
    nans: Nans,
    /// Floats around 1e6 instead of around 0 (an offset signal, hard for var and std).
    offset: bool,
}

impl fmt::Display for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "n {} w {} s {} {:?} {} {} {} {} {} {} threads, data seed {}, NaNs {:?}, offset {}",
            self.n,
            self.w,
            self.s,
            self.rule,
            self.stat,
            self.nan,
            self.dtype,
            self.strategy,
            self.access,
            self.threads,
            self.data_seed,
            self.nans,
            self.offset
        )
    }
}

fn random_spec(rng: &mut Rng) -> Spec {
    // Mostly short inputs; a few long ones whose few windows the spare lanes split (2¹⁶ elements or more).
    let long = rng.chance(4);
    let n = match rng.between(0, 9) {
        _ if long => rng.between(1 << 17, 1 << 18),
        0..=5 => rng.between(1, 2_000),
        _ => rng.between(2_000, 40_000),
    };
    let w = if long {
        rng.between(n / 3, n)
    } else {
        match rng.between(0, 9) {
            0..=3 => rng.between(1, n.min(16)),
            4..=5 => rng.between(1, n.min(300)),
            6 => n,
            _ => rng.between(1, n),
        }
    };
    let mut s = match rng.between(0, 9) {
        0..=2 => rng.between(1, 3.min(w)),
        3..=6 => rng.between(1, w),
        7 => w,
        _ => rng.between(w, 3 * w),
    };
    // Keep k · w within the budget: widen the step until it fits.
    let reads = |s: usize| ((n - w) / s + 1) * w;
    while reads(s) > READ_BUDGET.max(3 * n) {
        s += s / 2 + 1;
    }
    let rule = if rng.chance(20) && n > w { WindowRule::SeedCompatible } else { WindowRule::AllFull };
    let dtype = rng.pick(Dtype::ALL.as_slice());
    let float = matches!(dtype, Dtype::F64 | Dtype::F32);
    let nans = match rng.between(0, 9) {
        _ if !float => Nans::None,
        0..=3 => Nans::None,
        4..=5 => Nans::Every(rng.between(2, 60)),
        6..=8 => Nans::One(rng.between(0, n - 1)),
        _ => {
            let a = rng.between(0, n - 1);
            Nans::Run(a, rng.between(a + 1, n.min(a + 2 * w)))
        }
    };
    Spec {
        n,
        w,
        s,
        rule,
        stat: rng.pick(<Stat as Named>::ALL),
        nan: rng.pick(<NanPolicy as Named>::ALL),
        dtype,
        strategy: rng.pick(<Strategy as Named>::ALL),
        access: rng.pick(<Access as Named>::ALL),
        threads: rng.between(1, 8),
        data_seed: rng.next(),
        nans,
        offset: float && rng.chance(15),
    }
}

/// The job's input in its dtype, and the same values widened to f64 for the reference.
fn input<T: Element + FromUnit>(spec: &Spec) -> (Vec<T>, Vec<f64>) {
    let mut raw = data(spec.n, spec.data_seed, if let Nans::Every(k) = spec.nans { k } else { 0 });
    match spec.nans {
        Nans::One(at) => raw[at] = f64::NAN,
        Nans::Run(a, b) => raw[a..b].fill(f64::NAN),
        Nans::None | Nans::Every(_) => {}
    }
    let x: Vec<T> = raw.iter().map(|&r| T::from_unit(r, spec.offset)).collect();
    let xf = x.iter().map(|v| v.to_f64()).collect();
    (x, xf)
}

/// The stated tolerance: within 4 · (w + 8) · ε of the window's scale (squares compared for std).
/// `shifted_by` is the largest magnitude var and std are shifted by, when it is not the window's own.
fn within(stat: Stat, got: f64, want: f64, window: &[f64], shifted_by: Option<f64>) -> bool {
    if got.is_nan() || want.is_nan() {
        return got.is_nan() && want.is_nan();
    }
    let bound = 4.0 * (window.len() as f64 + 8.0) * f64::EPSILON;
    let m = scale(window, Stat::Mean).max(shifted_by.unwrap_or(0.0));
    match stat {
        Stat::Std => (got * got - want * want).abs() <= bound * m * m,
        Stat::Var => (got - want).abs() <= bound * m * m,
        _ => got == want || (got - want).abs() <= bound * scale(window, stat),
    }
}

/// Runs one job on `pools[threads - 1]` and sequentially, and checks it. Err says what is wrong.
fn check_job<T: Element + FromUnit>(spec: &Spec, pools: &[rayon::ThreadPool]) -> Result<(), String> {
    let (x, xf) = input::<T>(spec);
    let windows = Windows::new(spec.n, spec.w, spec.s, spec.rule).map_err(|e| format!("planning: {e}"))?;
    let job = Job { stat: spec.stat, nan: spec.nan, strategy: spec.strategy, access: spec.access, ..Job::new(windows) };
    let k = windows.count();

    let mut sequential = vec![f64::NAN; k];
    let ctl = Control::new();
    run(&x, &mut sequential, &job, Execution::Sequential, &ctl).map_err(|e| format!("sequential: {e}"))?;
    if ctl.done() != k {
        return Err(format!("sequential: {} of {k} windows counted done", ctl.done()));
    }
    let mut parallel = vec![f64::NAN; k];
    let ctl = Control::new();
    let lanes = Execution::Parallel { threads: spec.threads };
    pools[spec.threads - 1]
        .install(|| run(&x, &mut parallel, &job, lanes, &ctl))
        .map_err(|e| format!("{} lanes: {e}", spec.threads))?;
    if ctl.done() != k {
        return Err(format!("{} lanes: {} of {k} windows counted done", spec.threads, ctl.done()));
    }
    // The sliding strategy shifts var and std by a data value near the window (see the top of this file).
    let shifted_by = (job.resolved_strategy().name() == "sliding")
        .then(|| xf.iter().filter(|v| !v.is_nan()).fold(0.0f64, |a, v| a.max(v.abs())));
    for i in 0..k {
        if parallel[i].to_bits() != sequential[i].to_bits() {
            return Err(format!(
                "window {i}: {} lanes give {:e}, sequential {:e}",
                spec.threads, parallel[i], sequential[i]
            ));
        }
        let window = &xf[windows.range(i)];
        let want = naive(window, spec.stat, spec.nan);
        if !within(spec.stat, sequential[i], want, window, shifted_by) {
            return Err(format!("window {i} ({:?}): got {:e}, naive {want:e}", windows.range(i), sequential[i]));
        }
    }
    Ok(())
}

fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    let v = std::env::var(name).ok()?;
    Some(v.parse().unwrap_or_else(|_| panic!("{name} must be a number, got '{v}'")))
}

#[test]
fn random_jobs_are_bit_identical_across_lanes_and_close_to_the_naive_reference() {
    let seed: u64 = env_number("MEMWIN_STRESS_SEED").unwrap_or(DEFAULT_SEED);
    let jobs: usize = env_number("MEMWIN_STRESS_JOBS").unwrap_or(DEFAULT_JOBS);
    let only: Option<usize> = env_number("MEMWIN_STRESS_ONLY");
    let limit = Duration::from_secs(env_number("MEMWIN_STRESS_SECS").unwrap_or(DEFAULT_SECS));
    eprintln!("stress: seed {seed}, {jobs} jobs (MEMWIN_STRESS_SEED, MEMWIN_STRESS_JOBS)");
    let pools: Vec<rayon::ThreadPool> = (1..=8).map(pool).collect();
    let started = Instant::now();
    let mut ran = 0;
    let mut seen = std::collections::HashSet::new();
    for i in only.map_or(0..jobs, |i| i..i + 1) {
        if started.elapsed() > limit {
            eprintln!("stress: stopped at the time limit ({limit:?}, MEMWIN_STRESS_SECS) after {ran} of {jobs} jobs");
            break;
        }
        let spec = random_spec(&mut Rng::new(seed, i as u64));
        let rerun = format!(
            "MEMWIN_STRESS_SEED={seed} MEMWIN_STRESS_ONLY={i} cargo test -p memwin --test kernel -- stress:: --nocapture"
        );
        let outcome =
            catch_unwind(AssertUnwindSafe(|| with_element_type!(spec.dtype, T => check_job::<T>(&spec, &pools))));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(why)) => panic!("stress job {i} failed: {why}\n  job: {spec}\n  rerun: {rerun}"),
            Err(panic) => {
                eprintln!("stress job {i} panicked\n  job: {spec}\n  rerun: {rerun}");
                resume_unwind(panic);
            }
        }
        seen.insert((spec.strategy.name(), spec.threads));
        ran += 1;
    }
    eprintln!("stress: {ran} jobs passed in {:.1} s", started.elapsed().as_secs_f64());
    // Not vacuous: enough jobs ran, over every strategy and lane count.
    if only.is_none() {
        assert!(ran >= jobs.min(200), "only {ran} jobs ran before the time limit");
        if ran >= 1_000 {
            assert_eq!(seen.len(), <Strategy as Named>::ALL.len() * 8, "every strategy on every lane count");
        }
    }
}

/// Maps a number in [-1, 1) (or NaN) to a value of the type: floats keep it (times 1e3, or around 1e6 when
/// `offset`), integers spread it over their range (NaN becomes 0 in an `as` cast: integers have no NaN;
/// unsigned ones take (r + 1) / 2).
trait FromUnit {
    fn from_unit(r: f64, offset: bool) -> Self;
}
impl FromUnit for f64 {
    fn from_unit(r: f64, offset: bool) -> f64 {
        if offset {
            1e6 + r
        } else {
            r * 1e3
        }
    }
}
impl FromUnit for f32 {
    fn from_unit(r: f64, offset: bool) -> f32 {
        (if offset { 1e4 + r } else { r * 1e3 }) as f32
    }
}
macro_rules! int_from_unit {
    ($($t:ty => $range:expr),*) => {$(
        impl FromUnit for $t {
            fn from_unit(r: f64, _offset: bool) -> $t { (r * $range) as $t }
        }
    )*};
}
int_from_unit!(i64 => 9.0e15, i32 => 2.0e9, i16 => 32000.0);
impl FromUnit for u16 {
    fn from_unit(r: f64, _offset: bool) -> u16 {
        ((r + 1.0) / 2.0 * 65535.0) as u16
    }
}
impl FromUnit for u8 {
    fn from_unit(r: f64, _offset: bool) -> u8 {
        ((r + 1.0) / 2.0 * 255.0) as u8
    }
}
