//! The fuzz targets' checks: each takes any bytes, drives one of memwin's entry points with them, and
//! panics only when an invariant breaks. The stable tests include these same files (`#[path]`) to replay
//! the committed corpus without the nightly.

pub mod header_checks;
pub mod job_options_checks;
pub mod mapped_checks;
pub mod streamed_header_checks;
