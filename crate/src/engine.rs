//! How the windows are computed: sequentially or on rayon's threads, per window or in one blocked pass,
//! over copies or over the shared input, with progress and cancellation.
//!
//! Parallel runs use *lanes*: `threads` rayon tasks that each claim the next chunk of work from one atomic
//! counter until none is left (joblib's dynamic dispatch). A lane never waits for another, so k equal tasks
//! finish in ⌈k/threads⌉ rounds, and the number of lanes (not the size of the pool) sets the parallelism,
//! which lets the browser, whose pool is started once, run with fewer threads than it has.
//! With fewer windows (or blocks) than lanes, each one's passes are split into up to threads / items pieces
//! along the pairwise tree ([`Partial::of_split`]), so the spare lanes help and the tasks still number at
//! most `threads`.
//!
//! Every output value is a pure function of its window (or of its blocks, merged in a fixed order), so the
//! result is bit-identical whatever the thread count and whichever thread computed it.

use crate::names::{named_str, Named};
use crate::{Element, Error, NanPolicy, Partial, Stat, Windows};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How each window is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// One task per window that reads its w elements: O(k·w). The joblib example's way, and the reference.
    PerWindow,
    /// Partial aggregates of blocks of gcd(w, s) elements, each computed once, then each window merges its
    /// w / gcd partials: every element is read once, whatever the overlap.
    Blocked,
    /// Blocked where it reads less, per-window otherwise (and always per-window with a simulated cost, since
    /// that experiment is about one task per window).
    #[default]
    Auto,
}

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::PerWindow => "per-window",
            Strategy::Blocked => "blocked",
            Strategy::Auto => "auto",
        }
    }
}

impl Named for Strategy {
    const ALL: &'static [Strategy] = &[Strategy::Auto, Strategy::PerWindow, Strategy::Blocked];
    const WHAT: &'static str = "strategy";
    fn name(self) -> &'static str {
        Strategy::name(self)
    }
}
named_str!(Strategy);

/// How a task sees its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Zero-copy views of the shared input.
    #[default]
    Shared,
    /// Each task first copies its data into a private buffer, as joblib pickles arguments for its workers.
    Copy,
}

impl Access {
    pub fn name(self) -> &'static str {
        match self {
            Access::Shared => "shared",
            Access::Copy => "copy",
        }
    }
}

impl Named for Access {
    const ALL: &'static [Access] = &[Access::Shared, Access::Copy];
    const WHAT: &'static str = "access";
    fn name(self) -> &'static str {
        Access::name(self)
    }
}
named_str!(Access);

/// Where the work runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Execution {
    /// On the calling thread, windows in order.
    Sequential,
    /// On `threads` lanes in the current rayon pool (the global one, or one entered with `install`).
    Parallel { threads: usize },
}

impl Execution {
    /// 1 thread is sequential; more are parallel lanes.
    pub fn with_threads(threads: usize) -> Result<Execution, Error> {
        match threads {
            0 => Err(Error::ZeroThreads(0)),
            1 => Ok(Execution::Sequential),
            t => Ok(Execution::Parallel { threads: t }),
        }
    }
    pub fn threads(self) -> usize {
        match self {
            Execution::Sequential => 1,
            Execution::Parallel { threads } => threads,
        }
    }
}

/// What to compute over which windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job {
    pub windows: Windows,
    pub stat: Stat,
    pub nan: NanPolicy,
    pub strategy: Strategy,
    pub access: Access,
    /// Simulated work per window (a sleep), as the joblib example's `time.sleep`.
    pub cost: Duration,
}

impl Job {
    /// A job with the defaults: mean, propagate NaN, auto strategy, shared access, no simulated cost.
    pub fn new(windows: Windows) -> Job {
        Job {
            windows,
            stat: Stat::Mean,
            nan: NanPolicy::Propagate,
            strategy: Strategy::Auto,
            access: Access::Shared,
            cost: Duration::ZERO,
        }
    }

    /// The concrete strategy `Auto` stands for in this job.
    pub fn resolved_strategy(&self) -> Strategy {
        match self.strategy {
            Strategy::Auto => {
                let w = &self.windows;
                if !self.cost.is_zero() || w.step() >= w.size() {
                    return Strategy::PerWindow;
                }
                // In element reads: per-window reads k·w. Blocked reads the covered span once, pays a fixed
                // cost per block, then merges w/g partials a window. The two constants were measured on
                // this project's machines (bench/kernel_vs_numpy.py shows where the switch lands).
                const BLOCK_COST: u128 = 24;
                const MERGE_COST: u128 = 8;
                let k = w.count() as u128;
                let per_window = k * w.size() as u128;
                let covered = (w.start(w.count() - 1) + w.size()) as u128;
                let blocks = covered / w.block() as u128;
                let blocked = covered + BLOCK_COST * blocks + MERGE_COST * k * (w.size() / w.block()) as u128;
                if blocked < per_window {
                    Strategy::Blocked
                } else {
                    Strategy::PerWindow
                }
            }
            s => s,
        }
    }
}

impl Job {
    /// An upper bound of the bytes `run` allocates for this job on `lanes` lanes with elements of
    /// `elem_bytes` bytes: the blocked strategy's partials, and each task's private copy under
    /// [`Access::Copy`]. Shells with a hard memory ceiling (the browser) check it before running.
    pub fn scratch_bytes(&self, lanes: usize, elem_bytes: usize) -> u64 {
        let w = &self.windows;
        let partial = std::mem::size_of::<Partial>() as u64;
        let lanes = lanes as u64;
        let per_window = (w.size() / w.block()) as u64;
        let mut bytes = 0;
        if self.resolved_strategy() == Strategy::Blocked {
            bytes += if w.step() >= w.size() {
                // No overlap: each task holds its own window's partials.
                lanes * per_window * partial
            } else {
                tile_blocks(w) as u64 * partial
            };
        }
        if self.access == Access::Copy {
            // A task copies a window (per-window) or a block (blocked); a window is the larger.
            bytes += lanes * w.size() as u64 * elem_bytes as u64;
        }
        bytes
    }
}

/// Shared between the caller and the workers: a count of finished windows and a cancel flag.
#[derive(Debug, Default)]
pub struct Control {
    done: AtomicUsize,
    cancel: AtomicBool,
}

impl Control {
    pub fn new() -> Control {
        Control::default()
    }
    /// Windows finished so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }
    /// Asks the workers to stop; `run` then returns [`Error::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
    /// Ready for another run.
    pub fn reset(&self) {
        self.done.store(0, Ordering::Relaxed);
        self.cancel.store(false, Ordering::Relaxed);
    }
    /// The raw counter, for shells that expose its address (the page reads it from shared memory).
    pub fn done_counter(&self) -> &AtomicUsize {
        &self.done
    }
    /// The raw cancel flag, for shells that expose its address (the page sets it from the main thread while
    /// the driver worker is blocked in [`run`]).
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
    fn finished(&self, windows: usize) {
        self.done.fetch_add(windows, Ordering::Relaxed);
    }
}

/// Computes `job` over `input` into `out` (one value per window, written by exactly one task).
///
/// Validates everything first, so nothing can fail inside the pool. Returns the strategy actually used.
/// On cancellation the output is partly written and must be discarded.
pub fn run<T: Element>(
    input: &[T],
    out: &mut [f64],
    job: &Job,
    exec: Execution,
    ctl: &Control,
) -> Result<Strategy, Error> {
    let w = &job.windows;
    if input.len() != w.len() {
        return Err(Error::InputLen { expected: w.len(), got: input.len() });
    }
    if out.len() != w.count() {
        return Err(Error::OutputLen { expected: w.count(), got: out.len() });
    }
    if exec.threads() == 0 {
        return Err(Error::ZeroThreads(0));
    }
    // std's sleep is an atomic wait on wasm: without atomics it panics, which would kill the instance.
    if cfg!(all(target_arch = "wasm32", not(target_feature = "atomics"))) && !job.cost.is_zero() {
        return Err(Error::CannotSleep);
    }
    let strategy = job.resolved_strategy();
    let out = DisjointOut::new(out);
    match strategy {
        Strategy::Blocked => blocked(input, &out, job, exec, ctl),
        _ => per_window(input, &out, job, exec, ctl),
    }
    if ctl.is_cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(strategy)
}

/// Hands a view of `x` to `f`: the shared slice itself, or a private copy of it.
#[inline]
fn view<T: Element, R>(x: &[T], access: Access, f: impl FnOnce(&[T]) -> R) -> R {
    match access {
        Access::Shared => f(x),
        // The copy is the point: it is what joblib's pickling costs each task.
        #[allow(clippy::unnecessary_to_owned)]
        Access::Copy => f(&x.to_vec()),
    }
}

fn simulate(cost: Duration) {
    if !cost.is_zero() {
        std::thread::sleep(cost);
    }
}

/// How many items a lane claims at once: enough elements to amortise the atomic, one at a time when each
/// item carries a simulated cost (so k tasks balance to ⌈k/threads⌉ rounds).
fn chunk_len(items: usize, elements_per_item: usize, lanes: usize, costly: bool) -> usize {
    if costly {
        return 1;
    }
    const ELEMENTS_PER_CLAIM: usize = 1 << 16;
    let by_work = (ELEMENTS_PER_CLAIM / elements_per_item.max(1)).max(1);
    let by_balance = (items / (lanes * 8)).max(1);
    by_work.min(by_balance)
}

/// Runs `task(i)` for every `i < items`: in order on this thread, or on `threads` lanes. Stops claiming work
/// once cancelled.
fn for_each_index(items: usize, chunk: usize, exec: Execution, ctl: &Control, task: impl Fn(usize) + Sync) {
    match exec {
        Execution::Sequential => {
            for i in 0..items {
                if ctl.is_cancelled() {
                    return;
                }
                task(i);
            }
        }
        Execution::Parallel { threads } => {
            let next = AtomicUsize::new(0);
            let lane = || loop {
                if ctl.is_cancelled() {
                    return;
                }
                let a = next.fetch_add(chunk, Ordering::Relaxed);
                if a >= items {
                    return;
                }
                for i in a..(a + chunk).min(items) {
                    task(i);
                }
            };
            rayon::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|_| lane());
                }
            });
        }
    }
}

/// How many threads may share one item's pass when there are fewer items than lanes (one long window, or a
/// few): the spare lanes split each item along its pairwise tree, with the same bits (see
/// [`Partial::of_split`]). 1 when every lane has an item of its own.
fn ways_per_item(items: usize, exec: Execution) -> usize {
    (exec.threads() / items.max(1)).max(1)
}

fn per_window<T: Element>(input: &[T], out: &DisjointOut, job: &Job, exec: Execution, ctl: &Control) {
    let w = &job.windows;
    let chunk = chunk_len(w.count(), w.size(), exec.threads(), !job.cost.is_zero());
    let ways = ways_per_item(w.count(), exec);
    for_each_index(w.count(), chunk, exec, ctl, |i| {
        let value =
            view(&input[w.range(i)], job.access, |x| Partial::of_split(x, job.stat, ways).finish(job.stat, job.nan));
        simulate(job.cost);
        // SAFETY: window i is claimed by exactly one task.
        unsafe { out.write(i, value) };
        ctl.finished(1);
    });
}

/// The one-pass strategy. Windows go in tiles; a tile computes the partials of the blocks its windows cover
/// (in parallel), then each window merges its own run of partials (in parallel). A block at a tile's edge
/// may be computed by both neighbours, identically, which keeps the memory bounded and the result exact.
fn blocked<T: Element>(input: &[T], out: &DisjointOut, job: &Job, exec: Execution, ctl: &Control) {
    let w = &job.windows;
    let g = w.block();
    let per_window = w.size() / g;
    let per_step = w.step() / g;
    let block =
        |b: usize, ways: usize| view(&input[b * g..(b + 1) * g], job.access, |x| Partial::of_split(x, job.stat, ways));
    let window_value = |parts: &[Partial]| Partial::merge_all(parts).finish(job.stat, job.nan);

    if per_step >= per_window {
        // No overlap: no block is shared, so each window computes and merges its own blocks.
        let chunk = chunk_len(w.count(), w.size(), exec.threads(), !job.cost.is_zero());
        let ways = ways_per_item(w.count(), exec);
        for_each_index(w.count(), chunk, exec, ctl, |i| {
            let first = w.start(i) / g;
            let parts: Vec<Partial> = (first..first + per_window).map(|b| block(b, ways)).collect();
            let value = window_value(&parts);
            simulate(job.cost);
            // SAFETY: window i is claimed by exactly one task.
            unsafe { out.write(i, value) };
            ctl.finished(1);
        });
        return;
    }

    let windows_per_tile = (tile_blocks(w) - per_window) / per_step + 1;
    let mut parts = vec![Partial::EMPTY; (windows_per_tile - 1) * per_step + per_window];
    let mut first_window = 0;
    while first_window < w.count() && !ctl.is_cancelled() {
        let last_window = (first_window + windows_per_tile).min(w.count());
        let first_block = first_window * per_step;
        let blocks = (last_window - 1 - first_window) * per_step + per_window;
        {
            let slots = DisjointOut::new(&mut parts[..blocks]);
            let chunk = chunk_len(blocks, g, exec.threads(), false);
            let ways = ways_per_item(blocks, exec);
            for_each_index(blocks, chunk, exec, ctl, |j| {
                // SAFETY: block j of this tile is claimed by exactly one task.
                unsafe { slots.write(j, block(first_block + j, ways)) };
            });
        }
        let parts = &parts[..blocks];
        let tile_windows = last_window - first_window;
        let chunk = chunk_len(tile_windows, per_window * 8, exec.threads(), !job.cost.is_zero());
        for_each_index(tile_windows, chunk, exec, ctl, |i| {
            let a = i * per_step;
            let value = window_value(&parts[a..a + per_window]);
            simulate(job.cost);
            // SAFETY: window first_window + i is claimed by exactly one task.
            unsafe { out.write(first_window + i, value) };
            ctl.finished(1);
        });
        first_window = last_window;
    }
}

/// Partials in one tile of the blocked strategy (with overlap): up to ~2¹⁸ (12 MiB), or four windows' worth
/// when windows are longer, and never more than the whole job needs.
fn tile_blocks(w: &Windows) -> usize {
    let g = w.block();
    let (per_window, per_step) = (w.size() / g, w.step() / g);
    let all_blocks = (w.count() - 1) * per_step + per_window;
    (4 * per_window).clamp(1 << 18, 1 << 22).max(per_window + per_step).min(all_blocks)
}

/// A mutable slice that several threads write into, each index by exactly one of them.
struct DisjointOut<'a, V = f64> {
    ptr: *mut V,
    len: usize,
    _slice: PhantomData<&'a mut [V]>,
}

// SAFETY: writes go to distinct indices (the callers' contract), and V is plain data.
unsafe impl<V: Send> Sync for DisjointOut<'_, V> {}

impl<'a, V> DisjointOut<'a, V> {
    fn new(slice: &'a mut [V]) -> Self {
        DisjointOut { ptr: slice.as_mut_ptr(), len: slice.len(), _slice: PhantomData }
    }
    /// # Safety
    /// No other thread writes or reads index `i` while this runs.
    unsafe fn write(&self, i: usize, value: V) {
        assert!(i < self.len, "index {i} out of {}", self.len);
        // SAFETY: in bounds (checked), and exclusive by the caller's contract.
        unsafe { self.ptr.add(i).write(value) };
    }
}
