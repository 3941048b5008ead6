//! Which signal stopped the command, if any: the process-wide record that `interrupt` writes when a signal
//! comes and `failure` reads for the exit code (128 + its number) and the stderr line. It sits below both,
//! so neither imports the other's module for it.

use std::sync::atomic::{AtomicI32, Ordering};

/// The first signal received, or 0.
static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// Records `signal` unless one came before: only the first counts, as its number is the exit code.
pub fn record(signal: i32) {
    let _ = RECEIVED.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
}

/// The signal that stopped the command, if any.
pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// The signal's conventional name, for the one stderr line.
pub fn name(signal: i32) -> String {
    match signal {
        1 => "SIGHUP".into(),
        2 => "SIGINT".into(),
        15 => "SIGTERM".into(),
        s => format!("signal {s}"),
    }
}
