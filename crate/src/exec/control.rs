//! Progress and cancellation: one atomic counter and one atomic flag, shared by the caller and the workers.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

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
    /// Asks the workers to stop; `run` then returns [`crate::Error::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
    #[inline]
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
    /// the driver worker is blocked in [`crate::run`]).
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
    #[inline]
    pub(crate) fn finished(&self, windows: usize) {
        self.done.fetch_add(windows, Ordering::Relaxed);
    }
}
