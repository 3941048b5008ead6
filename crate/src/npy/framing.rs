//! The bytes around the header's dictionary: the magic, the format version, the dictionary's length (so
//! where the payload starts), and the dictionary's text encoding; and headers as memwin writes them.

use super::error::{NpyError, MAX_HEADER_LEN};
use crate::Dtype;

/// The six magic bytes every .npy file starts with.
pub const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Bytes needed to know how long the whole header is.
pub const PREAMBLE_LEN: usize = 12;
/// Written headers end on a multiple of this, as numpy's do, so the payload is aligned for any dtype.
const ALIGN: usize = 64;

/// From the first [`PREAMBLE_LEN`] bytes (or more), the total header length: where the payload starts.
/// Never more than `PREAMBLE_LEN + MAX_HEADER_LEN`.
pub fn header_len(prefix: &[u8]) -> Result<usize, NpyError> {
    let short = || NpyError::Truncated { have: prefix.len() as u64, need: PREAMBLE_LEN as u64 };
    match prefix.get(..MAGIC.len()) {
        Some(magic) if magic == MAGIC => {}
        // A file that is all of the magic's first bytes is a cut-off .npy; anything else is not one.
        _ if !prefix.is_empty() && MAGIC.starts_with(prefix) => return Err(short()),
        _ => return Err(NpyError::NotNpy),
    }
    let (start, dict_len) = match *prefix {
        [_, _, _, _, _, _, 1, 0, a, b, ..] => (10, u16::from_le_bytes([a, b]) as u64),
        [_, _, _, _, _, _, 2 | 3, 0, a, b, c, d, ..] => (12, u32::from_le_bytes([a, b, c, d]) as u64),
        [_, _, _, _, _, _, 1..=3, 0, ..] => return Err(short()),
        [_, _, _, _, _, _, major, minor, ..] => return Err(NpyError::Version(major, minor)),
        _ => return Err(short()),
    };
    // Checked before the addition, which could overflow a 32-bit usize (the page's wasm32).
    if dict_len > MAX_HEADER_LEN as u64 {
        return Err(NpyError::HeaderTooLong(dict_len));
    }
    Ok(start + dict_len as usize)
}

/// For a shell that fetches a file's first bytes piece by piece: how many it needs to hold the whole header
/// (more than `prefix` has, never more than the file has), or `None` once `prefix` holds it. Start with an
/// empty `prefix`; `file_len` is the whole file's size.
pub fn bytes_needed(prefix: &[u8], file_len: u64) -> Result<Option<usize>, NpyError> {
    // The preamble (12 bytes, or the whole file if shorter) says how long the header is. A shorter prefix
    // may already say (version 1.0 needs 10 bytes), or already show that this is no .npy file.
    let preamble = (PREAMBLE_LEN as u64).min(file_len) as usize;
    let total = match header_len(prefix) {
        Ok(total) => total,
        Err(NpyError::Truncated { .. }) if prefix.len() < preamble => return Ok(Some(preamble)),
        Err(NpyError::NotNpy) if prefix.is_empty() && preamble > 0 => return Ok(Some(preamble)),
        Err(NpyError::Truncated { need, .. }) => return Err(NpyError::Truncated { have: file_len, need }),
        Err(e) => return Err(e),
    };
    if total as u64 > file_len {
        return Err(NpyError::Truncated { have: file_len, need: total as u64 });
    }
    Ok((prefix.len() < total).then_some(total))
}

/// The header's format version, its dictionary as text, and its total length (where the payload starts),
/// from the start of a file (at least [`header_len`] bytes of it).
pub(super) fn dict_text(bytes: &[u8]) -> Result<((u8, u8), String, usize), NpyError> {
    let total = header_len(bytes)?;
    let Some(raw) = bytes.get(..total) else {
        return Err(NpyError::Truncated { have: bytes.len() as u64, need: total as u64 });
    };
    let version = (raw[6], raw[7]);
    let start = if version.0 == 1 { 10 } else { 12 };
    // Versions 1 and 2 are latin-1 (every byte is a char), version 3 is UTF-8.
    let text: String = if version.0 == 3 {
        std::str::from_utf8(&raw[start..])
            .map_err(|e| NpyError::Malformed(format!("the header is not UTF-8 (at byte {})", start + e.valid_up_to())))?
            .to_string()
    } else {
        raw[start..].iter().map(|&b| char::from(b)).collect()
    };
    Ok((version, text, total))
}

/// A version 1.0 header for a 1-D array, padded with spaces so the payload starts on a 64-byte boundary.
/// Falls back to version 2.0 only if the dictionary could not fit in 1.0's 16-bit length (never for 1-D).
pub fn write_header(dtype: Dtype, len: usize) -> Vec<u8> {
    let descr = match dtype {
        Dtype::U8 => "|u1".to_string(),
        d => format!("<{}{}", &d.short()[..1], d.size()),
    };
    let dict = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({len},), }}");
    let unpadded = 10 + dict.len() + 1;
    let padded = unpadded.div_ceil(ALIGN) * ALIGN;
    let mut out = Vec::with_capacity(padded);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&((padded - 10) as u16).to_le_bytes());
    out.extend_from_slice(dict.as_bytes());
    out.resize(padded - 1, b' ');
    out.push(b'\n');
    out
}
