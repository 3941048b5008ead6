//! The header of an array memwin computes over: 1-D, one of the seven dtypes, little-endian, with a payload
//! that fits this platform's address space; read whole or piece by piece.

use super::description::{describe, Description};
use super::error::NpyError;
use super::framing::bytes_needed;
use crate::Dtype;

/// What a .npy header says, for an array memwin computes over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub version: (u8, u8),
    pub dtype: Dtype,
    /// Number of elements.
    pub len: usize,
    /// Where the payload starts, from the start of the file.
    pub data_offset: usize,
}

impl Header {
    /// The array `d` describes, as memwin computes over it, or why memwin cannot.
    pub fn from_description(d: &Description) -> Result<Header, NpyError> {
        let dtype = d.dtype.clone()?;
        let [len] = d.shape[..] else {
            return Err(NpyError::Shape(d.shape_text()));
        };
        // Every later size computation (payload, file end) fits a usize from here on.
        let fits = len.checked_mul(dtype.size()).and_then(|b| b.checked_add(d.data_offset)).is_some();
        if !fits {
            let why = format!("shape ({len},) is too large for a {} array on this platform", dtype.name());
            return Err(NpyError::Malformed(why));
        }
        Ok(Header { version: d.version, dtype, len, data_offset: d.data_offset })
    }
    /// Payload size in bytes.
    pub fn payload_len(&self) -> u64 {
        // Saturating: parse_header refuses shapes whose size overflows, but a Header can be built by hand.
        (self.len as u64).saturating_mul(self.dtype.size() as u64)
    }
    /// The whole file's expected size; a shorter file is truncated.
    pub fn file_len(&self) -> u64 {
        (self.data_offset as u64).saturating_add(self.payload_len())
    }
    /// Checks that a file of `file_len` bytes holds the whole payload.
    pub fn check_file_len(&self, file_len: u64) -> Result<(), NpyError> {
        if file_len < self.file_len() {
            return Err(NpyError::Truncated { have: file_len, need: self.file_len() });
        }
        Ok(())
    }
    /// Bytes after the payload in a file of `file_len` bytes. numpy reads such a file and ignores them;
    /// memwin does too, and the shells say so.
    pub fn extra_bytes(&self, file_len: u64) -> u64 {
        file_len.saturating_sub(self.file_len())
    }
}

/// What [`read_header`] makes of the first bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRead {
    /// The first this many bytes are needed (more than were given, never more than the file has).
    Need(usize),
    /// The header, checked against the file's size.
    Done(Header),
}

/// Reads a header from a file's first bytes, for a shell that fetches them piece by piece (the CLI reads,
/// the page slices a `File`). Start with an empty `prefix`; while it returns [`HeaderRead::Need`], fetch at
/// least that many bytes from the start. A longer prefix is fine. `file_len` is the whole file's size.
pub fn read_header(prefix: &[u8], file_len: u64) -> Result<HeaderRead, NpyError> {
    if let Some(n) = bytes_needed(prefix, file_len)? {
        return Ok(HeaderRead::Need(n));
    }
    let header = parse_header(prefix)?;
    header.check_file_len(file_len)?;
    Ok(HeaderRead::Done(header))
}

/// Parses the header of an array memwin computes over from the start of a file (at least
/// [`super::header_len`] bytes of it).
pub fn parse_header(bytes: &[u8]) -> Result<Header, NpyError> {
    Header::from_description(&describe(bytes)?)
}
