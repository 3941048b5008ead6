//! How work reaches threads: pieces and their output claims, lanes over an atomic counter, progress and
//! cancellation, and the simulated cost's hook. Knows nothing of statistics or strategies.

pub(crate) mod claims;
pub mod control;
pub(crate) mod lanes;
pub(crate) mod simulate;
