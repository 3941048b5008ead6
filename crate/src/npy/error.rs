//! Why a file is not an array memwin can read, and how an offending value is shown in the one-line message.

use thiserror::Error;

/// The longest header dictionary memwin reads, in bytes: numpy's `max_header_size`, which numpy also
/// refuses past by default, since a literal that large is costly to parse. No 1-D header comes near it.
pub const MAX_HEADER_LEN: usize = 10_000;
/// How much of an offending value an error message shows.
const SHOWN_CHARS: usize = 60;

/// Why a file is not an array memwin can read. Each message is one line and names the offending value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NpyError {
    #[error("not a .npy file (it does not start with \\x93NUMPY)")]
    NotNpy,
    #[error("the .npy file is truncated: it has {have} bytes but needs {need}")]
    Truncated { have: u64, need: u64 },
    #[error("unsupported .npy format version {0}.{1} (memwin reads 1.0, 2.0 and 3.0)")]
    Version(u8, u8),
    #[error("the .npy header is {0} bytes long, over numpy's limit of {MAX_HEADER_LEN} (max_header_size)")]
    HeaderTooLong(u64),
    #[error("malformed .npy header: {0}")]
    Malformed(String),
    #[error("unsupported dtype {0} (memwin reads float64, float32, int64, int32, int16, uint16, uint8)")]
    Dtype(String),
    #[error("big-endian dtype {0} is not supported; convert it with x.astype(x.dtype.newbyteorder('<'))")]
    BigEndian(String),
    #[error("memwin reads 1-D arrays, but the shape is {0}")]
    Shape(String),
}

/// A value for an error message: on one line, and short.
pub(crate) fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}
