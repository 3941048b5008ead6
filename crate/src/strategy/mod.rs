//! How windows are computed: the strategies (per-window, blocked, sliding), the cost model `Auto` chooses
//! by, and the executor that runs a strategy's pieces on lanes.

mod blocked;
mod choose;
pub mod cost;
pub(crate) mod dispatch;
mod execute;
mod per_window;
mod piece;
mod sliding;
