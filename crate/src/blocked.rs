//! The blocked strategy: partial aggregates of blocks of g = gcd(w, s) elements, each computed once, then
//! each window merges its w / g partials as a balanced tree. Every element is read once whatever the
//! overlap; the merges cost k · w / g, so it shines when g is large.
//!
//! Block b is elements [b·g, (b + 1)·g) of the input slice: the grid is anchored at the slice's first element.

use crate::engine::view;
use crate::lanes::{chunk_len, for_each_index, simulate, ways_per_item, DisjointOut};
use crate::{Control, Element, Error, Execution, Job, Partial, Windows};

/// The tile of block partials, allocated before the pool starts (none when windows do not overlap).
pub(crate) fn scratch(job: &Job) -> Result<Vec<Partial>, Error> {
    let w = &job.windows;
    if w.step() >= w.size() {
        return Ok(Vec::new());
    }
    let len = tile_blocks(w);
    let mut parts = Vec::new();
    parts.try_reserve_exact(len).map_err(|_| Error::OutOfMemory {
        what: "the blocked strategy's tile of block partials",
        bytes: (len * std::mem::size_of::<Partial>()) as u64,
    })?;
    parts.resize(len, Partial::EMPTY);
    Ok(parts)
}

/// Bytes of [`scratch`].
pub(crate) fn scratch_bytes(w: &Windows) -> u64 {
    if w.step() >= w.size() {
        0
    } else {
        (tile_blocks(w) * std::mem::size_of::<Partial>()) as u64
    }
}

/// Windows go in tiles; a tile computes the partials of the blocks its windows cover (in parallel), then
/// each window merges its own run of partials (in parallel). A block at a tile's edge may be computed by both
/// neighbours, identically, which keeps the memory bounded and the result exact.
pub(crate) fn blocked<T: Element>(
    input: &[T],
    out: &DisjointOut,
    job: &Job,
    exec: Execution,
    ctl: &Control,
    parts: &mut [Partial],
) {
    let w = &job.windows;
    let g = w.block();
    let per_window = w.size() / g;
    let per_step = w.step() / g;
    let block =
        |b: usize, ways: usize| view(&input[b * g..(b + 1) * g], job.access, |x| Partial::of_split(x, job.stat, ways));

    if per_step >= per_window {
        // No overlap: no block is shared, so each window computes and merges its own blocks, as they come.
        let chunk = chunk_len(w.count(), w.size(), exec.threads(), !job.cost.is_zero());
        let ways = ways_per_item(w.count(), exec);
        for_each_index(w.count(), chunk, exec, ctl, |i| {
            let first = w.start(i) / g;
            let value = Partial::merge_tree(per_window, &|b| block(first + b, ways)).finish(job.stat, job.nan);
            simulate(job.cost, ctl);
            // SAFETY: window i is claimed by exactly one task.
            unsafe { out.set(i, value) };
            ctl.finished(1);
        });
        return;
    }

    let windows_per_tile = (parts.len() - per_window) / per_step + 1;
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
            let value = Partial::merge_all(&parts[a..a + per_window]).finish(job.stat, job.nan);
            simulate(job.cost, ctl);
            // SAFETY: window first_window + i is claimed by exactly one task.
            unsafe { out.set(first_window + i, value) };
            ctl.finished(1);
        });
        first_window = last_window;
    }
}

/// Partials in one tile (with overlap): up to ~2¹⁸ (12 MiB), or four windows' worth when windows are
/// longer, and never more than the whole job needs.
fn tile_blocks(w: &Windows) -> usize {
    let g = w.block();
    let (per_window, per_step) = (w.size() / g, w.step() / g);
    let all_blocks = (w.count() - 1) * per_step + per_window;
    (4 * per_window).clamp(1 << 18, 1 << 22).max(per_window + per_step).min(all_blocks)
}
