//! What is computed: the statistics and their families, the NaN policy, and the partial aggregates that
//! merge.

pub mod kind;
pub mod partial;
