//! A progress bar for long runs: the run goes on a scoped thread while this one polls the engine's shared
//! counter. It shows only on a terminal, and only once the run has lasted a moment, so quick runs and
//! piped or `--json` output stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use memwin::Control;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long a run goes before its bar appears.
const DELAY: Duration = Duration::from_millis(300);
const POLL: Duration = Duration::from_millis(50);

/// Whether a bar may be drawn at all: stderr is a terminal, and the caller is not printing JSON.
pub fn wanted(json: bool) -> bool {
    !json && std::io::stderr().is_terminal()
}

/// Runs `work` (which reports finished windows through `ctl`), with a bar of `total` windows if `show`.
pub fn run_with_bar<R: Send>(
    label: &str,
    total: usize,
    ctl: &Control,
    show: bool,
    work: impl FnOnce() -> R + Send,
) -> R {
    if !show {
        return work();
    }
    std::thread::scope(|s| {
        let main = std::thread::current();
        let worker = s.spawn(move || {
            let r = work();
            // Wakes the poller now rather than at its next tick.
            main.unpark();
            r
        });
        let start = Instant::now();
        let mut bar: Option<ProgressBar> = None;
        while !worker.is_finished() {
            std::thread::park_timeout(POLL);
            if bar.is_none() && start.elapsed() >= DELAY {
                bar = Some(new_bar(label, total, ctl.done()));
            } else if let Some(b) = &bar {
                b.set_position(ctl.done() as u64);
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A bar that is complete (style, prefix, position) before it first draws.
fn new_bar(label: &str, total: usize, done: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    let style = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} windows {elapsed} (eta {eta})")
        .expect("the template is valid")
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(label.to_string());
    bar.set_position(done as u64);
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
}
