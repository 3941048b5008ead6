//! The seed experiment's simulated work (joblib's `time.sleep`): a hook the executor calls after each piece,
//! outside the strategies' loops.

use super::control::Control;
use std::time::Duration;

/// Sleeps `cost` per window of a finished piece of `windows` windows, in slices of at most 10 ms that check
/// the cancel flag, so Ctrl-C or the page's Cancel interrupts a long cost.
#[inline(always)]
pub(crate) fn after_piece(cost: Duration, windows: usize, ctl: &Control) {
    if !cost.is_zero() && windows > 0 {
        sleep_in_slices(cost.saturating_mul(windows.min(u32::MAX as usize) as u32), ctl);
    }
}

#[cold]
fn sleep_in_slices(cost: Duration, ctl: &Control) {
    const SLICE: Duration = Duration::from_millis(10);
    // Natively, slices sleep to a deadline, so the oversleep of each does not add up. wasm32 has no clock in
    // std (Instant::now panics there): its slices add up to the cost instead.
    #[cfg(not(target_arch = "wasm32"))]
    {
        // A cost past the clock's range sleeps until cancelled.
        let deadline = std::time::Instant::now().checked_add(cost);
        loop {
            let left = deadline.map_or(SLICE, |d| d.saturating_duration_since(std::time::Instant::now()));
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
