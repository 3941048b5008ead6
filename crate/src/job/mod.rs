//! What to compute: the windows, the validated job, where it runs, the spec shells fill in, and how one job
//! is cut into chunks that keep its bits.

pub mod chunks;
pub mod execution;
#[allow(clippy::module_inception)]
pub mod job;
pub mod options;
pub mod spec;
pub mod windows;
