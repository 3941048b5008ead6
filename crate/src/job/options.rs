//! How a job runs: the strategy that computes its windows, and how a task sees the input.

use crate::names::named_enum;

named_enum! {
    /// How each window is computed.
    pub enum Strategy ("strategy") {
        /// The cheapest strategy that computes the statistic, by a cost model measured on this project's
        /// machine (and always per-window with a simulated cost, since that experiment is about one task
        /// per window).
        #[default]
        Auto = "auto",
        /// One task per window that reads its w elements: O(k·w). The joblib example's way, and the
        /// reference: its means are numpy's, bit for bit.
        PerWindow = "per-window",
        /// Partial aggregates of blocks of gcd(w, s) elements, each computed once, then each window merges
        /// its w / gcd partials: every element is read once, whatever the overlap.
        Blocked = "blocked",
        /// Blocks of w: running double-double sums slid from anchors, or van Herk / Gil-Werman's running
        /// suffix and prefix. O(n + k) whatever w and s (a rolling statistic with step 1, too).
        Sliding = "sliding",
    }
}

named_enum! {
    /// How a task sees its data.
    pub enum Access ("access") {
        /// Zero-copy views of the shared input.
        #[default]
        Shared = "shared",
        /// Each piece of work first gathers its data into a private buffer, as joblib pickles arguments
        /// for its workers.
        Copy = "copy",
    }
}

named_enum! {
    /// How many windows an input of length n yields.
    pub enum WindowRule ("window rule") {
        /// Every full window: starts 0, s, 2s, … up to n − w. numpy's `sliding_window_view(x, w)[::s]`.
        #[default]
        AllFull = "all-full",
        /// The joblib example's `range(0, n - w, s)`, which leaves out a last window starting exactly at
        /// n − w (95 windows for the seed, not 96).
        SeedCompatible = "seed-compatible",
    }
}
