//! The executor: a strategy's pieces, run on lanes, each over a contiguous slice of the input (the shared
//! input itself, or a copy gathered into the lane's buffer) and into its own claimed part of the output;
//! then the simulated cost's hook and the progress counter.
//!
//! Every output value is a pure function of its window (or of the fixed grid its strategy uses, merged in a
//! fixed order), so the result is bit-identical whatever the thread count and whichever lane computed it.

use super::piece::{reserve, Piece, PieceWise};
use crate::exec::claims::Claims;
use crate::exec::control::Control;
use crate::exec::lanes::{chunk_len, for_each_piece};
use crate::exec::simulate;
use crate::job::execution::Execution;
use crate::job::job::Job;
use crate::job::options::Access;
use crate::{Element, Error};

/// Runs `strategy`'s pieces of `job` over `input` into `out`. Allocates every lane's scratch first.
pub(crate) fn execute<T: Element, S: PieceWise<T>>(
    input: &[T],
    out: &mut [f64],
    job: &Job,
    exec: Execution,
    ctl: &Control,
    strategy: &S,
) -> Result<(), Error> {
    let w = &job.windows;
    let lanes = exec.threads();
    let gather = if job.access == Access::Copy { strategy.max_span() } else { 0 };
    let mut scratch = reserve(lanes, "the lanes' scratch")?;
    for _ in 0..lanes {
        scratch.push((strategy.scratch()?, reserve::<T>(gather, "the lanes' copies of their pieces")?));
    }
    let pieces = strategy.pieces();
    let elements = strategy.max_span().min(w.len());
    let chunk = chunk_len(pieces.count(), elements, lanes, !job.cost.is_zero());
    let claims = Claims::new(out, pieces);
    for_each_piece(&claims, chunk, exec, ctl, &mut scratch, |(scratch, copy), group, windows, out| {
        if windows.is_empty() {
            return;
        }
        let base = strategy.base(group, &windows);
        let span = &input[base..w.start(windows.end - 1) + w.size()];
        let n = windows.len();
        let piece = Piece { group, windows, base };
        match job.access {
            Access::Shared => strategy.compute(span, &piece, out, scratch, ctl),
            Access::Copy => {
                // The copy is the point: it is what joblib's pickling costs each task. Within the
                // reserved capacity, so nothing allocates inside the pool.
                copy.clear();
                debug_assert!(span.len() <= copy.capacity(), "a piece's copy fits its reserved buffer");
                copy.extend_from_slice(span);
                strategy.compute(copy, &piece, out, scratch, ctl);
            }
        }
        if ctl.is_cancelled() {
            return;
        }
        simulate::after_piece(job.cost, n, ctl);
        ctl.finished(n);
    });
    Ok(())
}
