//! Signals: SIGINT (Ctrl-C), SIGTERM and SIGHUP all stop the command the same way. The first one sets the
//! engine's cancel flag, so the run stops within a window (or a 10 ms slice of a simulated cost), and the
//! command unwinds through its clean-up (partial output, demo folder) before exiting with 128 + the signal's
//! number, as a shell reports a process killed by it: 130, 143, 129. Later signals change nothing: clean-up
//! is never skipped, and it is quick because every long step checks the flag.

use super::failure::{Failure, Outcome};
use super::signals;
use memwin::Control;
use std::sync::Arc;

/// Installs the handler (once per process) and returns the control every run of this command shares.
pub fn install() -> Arc<Control> {
    let ctl = Arc::new(Control::new());
    listen(Arc::clone(&ctl));
    ctl
}

/// A thread waits for the signals (signal-hook's iterator: the async-signal-safe part is its own).
#[cfg(unix)]
fn listen(ctl: Arc<Control>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Failing to install only loses the graceful stop; the default (immediate death) remains.
    let Ok(mut incoming) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    let _ = std::thread::Builder::new().name("memwin-signals".into()).spawn(move || {
        for signal in incoming.forever() {
            received(signal, &ctl);
        }
    });
}

/// Elsewhere only Ctrl-C is caught (ctrlc), reported as SIGINT.
#[cfg(not(unix))]
fn listen(ctl: Arc<Control>) {
    let _ = ctrlc::set_handler(move || received(2, &ctl));
}

fn received(signal: i32, ctl: &Control) {
    // Only the first one counts: its number is the exit code, and a second press must not cut clean-up short.
    signals::record(signal);
    ctl.cancel();
}

/// Readies `ctl` for the next run. `Control::reset` clears the cancel flag, so a signal that landed between
/// two runs is re-applied from the process-wide flag instead of being lost.
pub fn ready(ctl: &Control) {
    ctl.reset();
    if signals::received().is_some() {
        ctl.cancel();
    }
}

/// For steps the engine does not run (generating, dumping, zero-filling): stop between them once a signal
/// came.
pub fn check() -> Outcome {
    match signals::received() {
        Some(_) => Err(Failure::Cancelled),
        None => Ok(()),
    }
}
