//! The per-window strategy: one task per window, which reads its w elements. O(k·w); the joblib example's
//! way, and the reference: its means are numpy's `x[a:b].mean()`, bit for bit (pairwise summation).

use crate::engine::view;
use crate::lanes::{chunk_len, for_each_index, simulate, ways_per_item, DisjointOut};
use crate::{Control, Element, Execution, Job, Partial};

pub(crate) fn per_window<T: Element>(input: &[T], out: &DisjointOut, job: &Job, exec: Execution, ctl: &Control) {
    let w = &job.windows;
    let chunk = chunk_len(w.count(), w.size(), exec.threads(), !job.cost.is_zero());
    // With fewer windows than lanes, the spare lanes split each window's passes along the pairwise tree
    // (same bits, see Partial::of_split).
    let ways = ways_per_item(w.count(), exec);
    for_each_index(w.count(), chunk, exec, ctl, |i| {
        let value =
            view(&input[w.range(i)], job.access, |x| Partial::of_split(x, job.stat, ways).finish(job.stat, job.nan));
        simulate(job.cost, ctl);
        // SAFETY: window i is claimed by exactly one task.
        unsafe { out.set(i, value) };
        ctl.finished(1);
    });
}
