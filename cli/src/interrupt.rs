//! Ctrl-C: the first press sets the engine's cancel flag, so the run stops at the next window and the
//! command cleans up (temp folder, partial output) before exiting with 130. A second press exits at once.

use super::failure::{Failure, Outcome};
use memwin::Control;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once per process) and returns the control every run of this command shares.
pub fn install() -> Arc<Control> {
    let ctl = Arc::new(Control::new());
    let handler_ctl = Arc::clone(&ctl);
    // Failing to install only loses graceful Ctrl-C; the default (immediate exit) remains.
    let _ = ctrlc::set_handler(move || {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        handler_ctl.cancel();
    });
    ctl
}

/// Readies `ctl` for the next run. `Control::reset` clears the cancel flag, so a Ctrl-C that landed between
/// two runs is re-applied from the process-wide flag instead of being lost.
pub fn ready(ctl: &Control) {
    ctl.reset();
    if INTERRUPTED.load(Ordering::SeqCst) {
        ctl.cancel();
    }
}

/// For steps the engine does not run (generating, dumping): stop between them once Ctrl-C was pressed.
pub fn check() -> Outcome {
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(Failure::Cancelled);
    }
    Ok(())
}
