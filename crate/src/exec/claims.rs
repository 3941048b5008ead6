//! The work of a run as pieces, and the output handed out piece by piece as `&mut [f64]`.
//!
//! A run's windows are cut into pieces: groups of consecutive windows (runs of m windows, or the windows that
//! start in one block of w elements), each group split into `ways` parts when there are fewer groups than
//! lanes. [`Pieces::windows`] is computed here, from the grid alone, and is monotone in the piece's index,
//! so distinct pieces have disjoint windows. [`Claims`] hands each piece out once (one atomic counter), with
//! its own part of the output as a `&mut [f64]`. That is the one `unsafe` of the output: strategies write
//! through plain slices.

use std::marker::PhantomData;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How consecutive windows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grid {
    /// Runs of `len` windows (≥ 1): group g is windows g·len .. (g + 1)·len.
    Runs { len: usize },
    /// The windows that start in block j of `w` elements, windows `s` apart: ⌈j·w/s⌉ .. ⌈(j + 1)·w/s⌉.
    Blocks { w: usize, s: usize },
}

/// A run's `k` windows as pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pieces {
    k: usize,
    grid: Grid,
    groups: usize,
    ways: usize,
}

impl Pieces {
    /// `k` ≥ 1 windows grouped by `grid`, each group in `ways` parts (≥ 1).
    pub(crate) fn new(k: usize, grid: Grid, ways: usize) -> Pieces {
        let grid = match grid {
            Grid::Runs { len } => Grid::Runs { len: len.max(1) },
            Grid::Blocks { w, s } => Grid::Blocks { w: w.max(1), s: s.max(1) },
        };
        let groups = match grid {
            Grid::Runs { len } => k.div_ceil(len),
            // The block that holds the last window's start, and every block before it.
            Grid::Blocks { w, s } => (k.max(1) - 1) * s / w + 1,
        };
        Pieces { k, grid, groups, ways: ways.max(1) }
    }
    pub(crate) fn count(&self) -> usize {
        self.groups * self.ways
    }
    /// The windows of group `g`, clipped to the run's k windows.
    pub(crate) fn group(&self, g: usize) -> Range<usize> {
        let (a, b) = match self.grid {
            Grid::Runs { len } => (g * len, (g + 1) * len),
            Grid::Blocks { w, s } => ((g * w).div_ceil(s), ((g + 1) * w).div_ceil(s)),
        };
        a.min(self.k)..b.min(self.k)
    }
    /// Piece `t`: its group, and its part of the group's windows (possibly empty).
    pub(crate) fn windows(&self, t: usize) -> (usize, Range<usize>) {
        let (g, p) = (t / self.ways, t % self.ways);
        let r = self.group(g);
        let len = r.len();
        (g, r.start + len * p / self.ways..r.start + len * (p + 1) / self.ways)
    }
}

/// The output of a run, handed out one piece at a time: every piece once, to whichever lane claims it.
pub(crate) struct Claims<'a> {
    ptr: *mut f64,
    pieces: Pieces,
    next: AtomicUsize,
    _out: PhantomData<&'a mut [f64]>,
}

// SAFETY: the only access to the output is through `Claim::take`, whose slices are disjoint (see there).
unsafe impl Sync for Claims<'_> {}

/// Pieces claimed by one lane: `first..end` of the run's pieces, each taken out once.
pub(crate) struct Claim<'c, 'a> {
    claims: &'c Claims<'a>,
    pieces: Range<usize>,
}

impl<'a> Claims<'a> {
    /// The output of `pieces`' k windows. Panics (a bug in the caller) unless `out` has k values.
    pub(crate) fn new(out: &'a mut [f64], pieces: Pieces) -> Claims<'a> {
        assert_eq!(out.len(), pieces.k, "one output value per window");
        Claims { ptr: out.as_mut_ptr(), pieces, next: AtomicUsize::new(0), _out: PhantomData }
    }
    /// The next `chunk` pieces nobody has claimed, or `None` when every piece is out.
    pub(crate) fn next(&self, chunk: usize) -> Option<Claim<'_, 'a>> {
        let a = self.next.fetch_add(chunk.max(1), Ordering::Relaxed);
        let count = self.pieces.count();
        // fetch_add cannot wrap in practice: each lane adds at most once past `count`.
        (a < count).then(|| Claim { claims: self, pieces: a..(a + chunk.max(1)).min(count) })
    }
}

impl<'a> Iterator for Claim<'_, 'a> {
    /// A piece: its group, its windows, and their output values.
    type Item = (usize, Range<usize>, &'a mut [f64]);

    fn next(&mut self) -> Option<Self::Item> {
        let t = self.pieces.next()?;
        let (g, windows) = self.claims.pieces.windows(t);
        // SAFETY: `windows` lies within 0..k (`Pieces::group` clips it), the length of the output. Piece t
        // is yielded once: the atomic counter hands each index to one `Claim`, and a `Claim` yields each of
        // its indices once. Distinct pieces have disjoint windows: groups are consecutive ranges in order of
        // g (both grids' bounds grow with g), and a group's parts are consecutive ranges in order of p. So no
        // two live slices overlap, and the output's borrow ('a) outlives them all.
        let out = unsafe { std::slice::from_raw_parts_mut(self.claims.ptr.add(windows.start), windows.len()) };
        Some((g, windows, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces' windows tile 0..k in order, once each, for both grids and any number of ways.
    #[test]
    fn pieces_tile_the_windows_in_order() {
        for k in [1, 2, 7, 100, 1001] {
            for grid in [
                Grid::Runs { len: 1 },
                Grid::Runs { len: 3 },
                Grid::Runs { len: 5000 },
                Grid::Blocks { w: 10, s: 3 },
                Grid::Blocks { w: 4, s: 7 },
                Grid::Blocks { w: 1, s: 1 },
            ] {
                for ways in [1, 2, 3, 8] {
                    let p = Pieces::new(k, grid, ways);
                    let mut next = 0;
                    for t in 0..p.count() {
                        let (_, r) = p.windows(t);
                        assert_eq!(r.start, next, "k {k} {grid:?} ways {ways} piece {t}");
                        next = r.end;
                    }
                    assert_eq!(next, k, "k {k} {grid:?} ways {ways}");
                }
            }
        }
    }

    /// Block groups hold exactly the windows that start in their block.
    #[test]
    fn block_groups_hold_the_windows_starting_in_them() {
        let (w, s, k) = (10, 3, 50);
        let p = Pieces::new(k, Grid::Blocks { w, s }, 1);
        for g in 0..p.count() {
            for i in p.group(g) {
                assert_eq!(i * s / w, g);
            }
        }
        assert_eq!(p.count(), (k - 1) * s / w + 1);
    }

    /// Claims hand out every piece once, with its own slice of the output, also from several threads.
    #[test]
    fn claims_hand_out_every_window_once() {
        let k = 10_007;
        let mut out = vec![0.0; k];
        let claims = Claims::new(&mut out, Pieces::new(k, Grid::Runs { len: 13 }, 2));
        std::thread::scope(|sc| {
            for _ in 0..4 {
                sc.spawn(|| {
                    while let Some(claim) = claims.next(3) {
                        for (_, windows, out) in claim {
                            assert_eq!(out.len(), windows.len());
                            for (v, i) in out.iter_mut().zip(windows) {
                                *v += i as f64 + 1.0;
                            }
                        }
                    }
                });
            }
        });
        assert!(out.iter().enumerate().all(|(i, &v)| v == i as f64 + 1.0));
    }
}
