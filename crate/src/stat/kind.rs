//! What is computed: the statistics, their families, and the NaN policy.

use crate::names::named_enum;

named_enum! {
    /// The statistic computed over each window.
    pub enum Stat ("statistic") {
        #[default]
        Mean = "mean",
        Sum = "sum",
        Min = "min",
        Max = "max",
        /// Population variance (ddof 0), as numpy's `var`.
        Var = "var",
        /// Population standard deviation (ddof 0), as numpy's `std`.
        Std = "std",
    }
}

/// Statistics that share a way of being computed, and so the strategies that can compute them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Sums and moments: partials merge (Chan et al.), and running sums slide.
    Moments,
    /// Min and max: partials merge, and running prefixes and suffixes scan (van Herk / Gil-Werman).
    Extrema,
}

impl Stat {
    /// The family the statistic belongs to.
    pub fn family(self) -> Family {
        match self {
            Stat::Mean | Stat::Sum | Stat::Var | Stat::Std => Family::Moments,
            Stat::Min | Stat::Max => Family::Extrema,
        }
    }
    pub(crate) fn needs_sum(self) -> bool {
        matches!(self, Stat::Mean | Stat::Sum | Stat::Var | Stat::Std)
    }
    pub(crate) fn needs_extrema(self) -> bool {
        matches!(self, Stat::Min | Stat::Max)
    }
    pub(crate) fn needs_m2(self) -> bool {
        matches!(self, Stat::Var | Stat::Std)
    }
}

named_enum! {
    /// What a NaN in a window does.
    pub enum NanPolicy ("NaN policy") {
        /// Any NaN makes the window's result NaN, as numpy's `mean`, `min`, ….
        #[default]
        Propagate = "propagate",
        /// NaNs are left out, as numpy's `nanmean`, `nanmin`, …. A window of NaNs only gives NaN, except
        /// for `sum`, which gives 0 as `nansum` does.
        Skip = "skip",
    }
}
