//! The sliding strategy, O(n + k) whatever the window and step: blocks of w, running double-double
//! aggregates slid from anchors in lockstep chains (sums, moments), and van Herk / Gil-Werman scans
//! (extrema, windows that do not overlap, what follows an infinity).

mod extremum;
mod lockstep;
mod moments;
mod nan_count;
mod scan;
mod sums;
mod task;
#[cfg(test)]
mod tests;

pub(crate) use task::{run, scratch_and_span};
