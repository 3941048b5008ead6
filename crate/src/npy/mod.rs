//! The `.npy` header: read and write, for every shell (the CLI maps files, the page streams them).
//!
//! memwin computes over 1-D, little-endian arrays of the seven [`Dtype`](crate::Dtype)s in format versions
//! 1.0, 2.0 and 3.0 ([`Header`]), and describes any header numpy writes ([`Description`]: any dtype, shape
//! and order). It writes version 1.0 headers padded to 64 bytes, as numpy does, so the payload is aligned
//! for any dtype. This module works on bytes only: it never touches a file. It never panics, whatever the
//! bytes (the `fuzz/` targets check that), and every error message is one line that names the offending
//! value.
//!
//! - `framing`: magic, version, header length, the dictionary's encoding; writing headers;
//! - `literal/`: the dictionary as a Python literal, read as `ast.literal_eval` reads it;
//! - `description` and `descr`: the dictionary held to numpy's rules, for any array;
//! - `header`: the arrays memwin computes over;
//! - `error`: the one-line messages.

mod descr;
mod description;
mod error;
mod framing;
mod header;
mod literal;
#[cfg(test)]
mod tests;

pub use description::{describe, Description};
pub use error::{NpyError, MAX_HEADER_LEN};
pub use framing::{bytes_needed, header_len, write_header, MAGIC, PREAMBLE_LEN};
pub use header::{parse_header, read_header, Header, HeaderRead};
