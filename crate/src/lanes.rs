//! Lanes: how the strategies hand out work to threads, and the shared output they write into.
//!
//! A parallel run is `threads` rayon tasks (lanes) that each claim the next chunk of items from one atomic
//! counter until none is left (joblib's dynamic dispatch). A lane never waits for another, so k equal tasks
//! finish in ⌈k/threads⌉ rounds, and the number of lanes (not the size of the pool) sets the parallelism,
//! which lets the browser, whose pool is started once, run with fewer threads than it has.

use crate::{Control, Execution};
use std::marker::PhantomData;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::atomic::AtomicU64;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How many items a lane claims at once: enough elements to amortise the atomic, one at a time when each
/// item carries a simulated cost (so k tasks balance to ⌈k/threads⌉ rounds).
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

/// Runs `task(i)` for every `i < items`: in order on this thread, or on `threads` lanes. Stops claiming work
/// once cancelled.
pub(crate) fn for_each_index(items: usize, chunk: usize, exec: Execution, ctl: &Control, task: impl Fn(usize) + Sync) {
    // Zero-sized scratch: no allocation.
    let mut none = vec![(); exec.threads()];
    for_each_index_with(items, chunk, exec, ctl, &mut none, |_, i| task(i));
}

/// [`for_each_index`] where each lane owns one of `scratch`'s buffers (allocated by the caller before the
/// pool starts, so an allocation failure is an error, not an abort). `scratch` has one entry per lane.
pub(crate) fn for_each_index_with<S: Send>(
    items: usize,
    chunk: usize,
    exec: Execution,
    ctl: &Control,
    scratch: &mut [S],
    task: impl Fn(&mut S, usize) + Sync,
) {
    assert!(scratch.len() >= exec.threads(), "one scratch per lane");
    match exec {
        Execution::Sequential => {
            let s = &mut scratch[0];
            for i in 0..items {
                if ctl.is_cancelled() {
                    return;
                }
                task(s, i);
            }
        }
        Execution::Parallel { threads } => {
            let next = AtomicUsize::new(0);
            let lane = |s: &mut S| loop {
                if ctl.is_cancelled() {
                    return;
                }
                let a = next.fetch_add(chunk, Ordering::Relaxed);
                if a >= items {
                    return;
                }
                for i in a..(a + chunk).min(items) {
                    task(s, i);
                }
            };
            let lane = &lane;
            rayon::scope(|sc| {
                for s in scratch.iter_mut().take(threads) {
                    sc.spawn(move |_| lane(s));
                }
            });
        }
    }
}

/// The simulated work per window (the joblib example's `time.sleep`), in slices of at most 10 ms that
/// check the cancel flag, so Ctrl-C or the page's Cancel interrupts a long cost.
#[inline(always)]
pub(crate) fn simulate(cost: Duration, ctl: &Control) {
    if !cost.is_zero() {
        sleep_in_slices(cost, ctl);
    }
}

#[cold]
fn sleep_in_slices(cost: Duration, ctl: &Control) {
    const SLICE: Duration = Duration::from_millis(10);
    // Natively, slices sleep to a deadline, so the oversleep of each does not add up. wasm32 has no clock in
    // std (Instant::now panics there): its slices add up to the cost instead.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let deadline = std::time::Instant::now() + cost;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() || ctl.is_cancelled() {
                return;
            }
            std::thread::sleep(left.min(SLICE));
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        let mut left = cost;
        while !left.is_zero() && !ctl.is_cancelled() {
            let slice = left.min(SLICE);
            std::thread::sleep(slice);
            left -= slice;
        }
    }
}

/// A mutable slice that several threads write into, each index by exactly one of them.
pub(crate) struct DisjointOut<'a, V = f64> {
    ptr: *mut V,
    len: usize,
    _slice: PhantomData<&'a mut [V]>,
}

// SAFETY: writes go to distinct indices (the callers' contract), and V is plain data.
unsafe impl<V: Send> Sync for DisjointOut<'_, V> {}

impl<'a, V> DisjointOut<'a, V> {
    pub(crate) fn new(slice: &'a mut [V]) -> Self {
        DisjointOut { ptr: slice.as_mut_ptr(), len: slice.len(), _slice: PhantomData }
    }
    /// # Safety
    /// No other thread writes or reads index `i` while this runs.
    #[inline(always)]
    pub(crate) unsafe fn write(&self, i: usize, value: V) {
        assert!(i < self.len, "index {i} out of {}", self.len);
        // SAFETY: in bounds (checked), and exclusive by the caller's contract.
        unsafe { self.ptr.add(i).write(value) };
    }
}

impl DisjointOut<'_, f64> {
    /// Writes an output value so that a shell reading the output while the workers write it sees whole
    /// values: natively a relaxed atomic store (a plain 8-byte store on x86-64 and aarch64), race-free under
    /// Rust's memory model; on wasm32 a plain `f64.store` (see [`DisjointOut::store`]).
    ///
    /// # Safety
    /// No other thread writes index `i` while this runs.
    #[inline(always)]
    pub(crate) unsafe fn set(&self, i: usize, value: f64) {
        assert!(i < self.len, "index {i} out of {}", self.len);
        // SAFETY: in bounds (checked); exclusive by the caller's contract.
        unsafe { self.store(i, value) };
    }

    /// [`DisjointOut::set`] of every `stride`-th of `values` at `i`, `i + 1`, …, with one bounds check for
    /// the run.
    ///
    /// # Safety
    /// No other thread writes these indices while this runs.
    #[inline]
    pub(crate) unsafe fn set_run(&self, i: usize, values: &[f64], stride: usize) {
        let n = values.len().div_ceil(stride.max(1));
        assert!(i <= self.len && n <= self.len - i, "run {i}+{n} out of {}", self.len);
        for (q, &v) in values.iter().step_by(stride.max(1)).enumerate() {
            // SAFETY: in bounds (checked for the whole run); exclusive by the caller's contract.
            unsafe { self.store(i + q, v) };
        }
    }

    /// The store of [`DisjointOut::set`], unchecked.
    ///
    /// # Safety
    /// `i` is in bounds, and no other thread writes index `i` while this runs.
    #[cfg(target_arch = "wasm32")]
    #[inline(always)]
    unsafe fn store(&self, i: usize, value: f64) {
        // wasm has only sequentially consistent atomics: an atomic store costs an `xchg` on an x86 host,
        // and made the page's rolling mean (one store a window) twice as slow as native. The output's only
        // other reader is the page's JavaScript, outside Rust's memory model; wasm defines racing accesses
        // to shared memory (no undefined behaviour: an aligned 8-byte read sees one of the stored values on
        // the hosts' 64-bit stores), and no Rust thread reads an index while another writes it.
        // SAFETY: in bounds and exclusive (the caller's contract).
        unsafe { self.ptr.add(i).write(value) };
    }

    /// The store of [`DisjointOut::set`], unchecked: a relaxed atomic store.
    ///
    /// # Safety
    /// `i` is in bounds, and no other thread writes index `i` while this runs.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    unsafe fn store(&self, i: usize, value: f64) {
        const { assert!(std::mem::align_of::<f64>() == std::mem::align_of::<AtomicU64>()) };
        // SAFETY: in bounds (the caller's contract); f64 and AtomicU64 have the same size and alignment
        // (checked above); every access to this index during the run is atomic (only this store, by the
        // caller's contract, and the shells' relaxed loads).
        let cell = unsafe { AtomicU64::from_ptr(self.ptr.add(i).cast::<u64>()) };
        cell.store(value.to_bits(), Ordering::Relaxed);
    }
}
