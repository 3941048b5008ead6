//! The `.npy` header: read and write, for both shells (the CLI maps files, the page streams them).
//!
//! memwin reads 1-D, little-endian arrays of the seven [`Dtype`]s in format versions 1.0, 2.0 and 3.0, and
//! writes version 1.0 headers padded to 64 bytes, as numpy does, so the payload is aligned for any dtype.
//! This module works on bytes only: it never touches a file.

use crate::Dtype;
use thiserror::Error;

/// The six magic bytes every .npy file starts with.
pub const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Bytes needed to know how long the whole header is.
pub const PREAMBLE_LEN: usize = 12;
const ALIGN: usize = 64;

/// Why a file is not an array memwin can read. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NpyError {
    #[error("not a .npy file (it does not start with \\x93NUMPY)")]
    NotNpy,
    #[error("the .npy file is truncated: it has {have} bytes but needs {need}")]
    Truncated { have: u64, need: u64 },
    #[error("unsupported .npy format version {0}.{1} (memwin reads 1.0, 2.0 and 3.0)")]
    Version(u8, u8),
    #[error("malformed .npy header: {0}")]
    Malformed(String),
    #[error("unsupported dtype '{0}' (memwin reads float64, float32, int64, int32, int16, uint16, uint8)")]
    Dtype(String),
    #[error("big-endian dtype '{0}' is not supported; convert it with x.astype(x.dtype.newbyteorder('<'))")]
    BigEndian(String),
    #[error("memwin reads 1-D arrays, but the shape is {0}")]
    Shape(String),
}

/// What a .npy header says.
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
}

/// From the first [`PREAMBLE_LEN`] bytes (or more), the total header length: where the payload starts.
pub fn header_len(prefix: &[u8]) -> Result<usize, NpyError> {
    if prefix.len() < MAGIC.len() || &prefix[..MAGIC.len()] != MAGIC {
        return Err(if MAGIC.starts_with(prefix) && !prefix.is_empty() {
            NpyError::Truncated { have: prefix.len() as u64, need: PREAMBLE_LEN as u64 }
        } else {
            NpyError::NotNpy
        });
    }
    let short = || NpyError::Truncated { have: prefix.len() as u64, need: PREAMBLE_LEN as u64 };
    let (major, minor) = match prefix {
        [_, _, _, _, _, _, major, minor, ..] => (*major, *minor),
        _ => return Err(short()),
    };
    match (major, minor) {
        (1, 0) | (2, 0) | (3, 0) if prefix.len() < 10 => Err(short()),
        (1, 0) => Ok(10 + u16::from_le_bytes([prefix[8], prefix[9]]) as usize),
        (2, 0) | (3, 0) => {
            if prefix.len() < 12 {
                return Err(short());
            }
            Ok(12 + u32::from_le_bytes([prefix[8], prefix[9], prefix[10], prefix[11]]) as usize)
        }
        _ => Err(NpyError::Version(major, minor)),
    }
}

/// Parses a header from the start of a file (at least [`header_len`] bytes of it).
pub fn parse_header(bytes: &[u8]) -> Result<Header, NpyError> {
    let total = header_len(bytes)?;
    if bytes.len() < total {
        return Err(NpyError::Truncated { have: bytes.len() as u64, need: total as u64 });
    }
    let version = (bytes[6], bytes[7]);
    let start = if version.0 == 1 { 10 } else { 12 };
    // Versions 1 and 2 are latin-1, 3 is UTF-8; the keys and values memwin accepts are ASCII either way.
    let text = String::from_utf8_lossy(&bytes[start..total]);
    let dict = text.trim_end_matches(['\n', ' ', '\0']).trim();
    let descr = dict_value(dict, "descr")?;
    let fortran = dict_value(dict, "fortran_order")?;
    let shape = dict_value(dict, "shape")?;

    let dtype = parse_descr(descr)?;
    match fortran {
        // For a 1-D array both orders are the same bytes.
        "False" | "True" => {}
        other => return Err(NpyError::Malformed(format!("fortran_order is '{other}', not True or False"))),
    }
    let len = parse_shape(shape)?;
    if (len as u64).checked_mul(dtype.size() as u64).and_then(|b| b.checked_add(total as u64)).is_none() {
        return Err(NpyError::Malformed(format!("shape {shape} is too large for a {} array", dtype.name())));
    }
    Ok(Header { version, dtype, len, data_offset: total })
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

/// The raw text of `'key': value` in a header dictionary: a quoted string, a tuple, a list or a word.
fn dict_value<'a>(dict: &'a str, key: &str) -> Result<&'a str, NpyError> {
    let pattern_sq = format!("'{key}'");
    let pattern_dq = format!("\"{key}\"");
    let at = dict
        .find(&pattern_sq)
        .or_else(|| dict.find(&pattern_dq))
        .ok_or_else(|| NpyError::Malformed(format!("no '{key}' key in {dict}")))?;
    let rest = dict[at + key.len() + 2..].trim_start();
    let rest = rest
        .strip_prefix(':')
        .ok_or_else(|| NpyError::Malformed(format!("no ':' after '{key}' in {dict}")))?
        .trim_start();
    let end = match rest.chars().next() {
        Some(q @ ('\'' | '"')) => rest[1..].find(q).map(|i| i + 2),
        Some('(') => rest.find(')').map(|i| i + 1),
        Some('[') => rest.find(']').map(|i| i + 1),
        Some(_) => rest.find([',', '}']).or(Some(rest.len())),
        None => None,
    }
    .ok_or_else(|| NpyError::Malformed(format!("unterminated value for '{key}' in {dict}")))?;
    Ok(rest[..end].trim())
}

fn parse_descr(raw: &str) -> Result<Dtype, NpyError> {
    if raw.starts_with('[') {
        return Err(NpyError::Dtype(format!("{raw} (a structured dtype)")));
    }
    let descr = raw.trim_matches(['\'', '"']);
    let (order, code) = descr.split_at(descr.len().min(1));
    if order == ">" && !matches!(code, "u1" | "i1" | "b1") {
        return Err(NpyError::BigEndian(descr.to_string()));
    }
    if !matches!(order, "<" | "|" | "=") {
        return Err(NpyError::Dtype(descr.to_string()));
    }
    Ok(match code {
        "f8" => Dtype::F64,
        "f4" => Dtype::F32,
        "i8" => Dtype::I64,
        "i4" => Dtype::I32,
        "i2" => Dtype::I16,
        "u2" => Dtype::U16,
        "u1" => Dtype::U8,
        _ => return Err(NpyError::Dtype(descr.to_string())),
    })
}

fn parse_shape(raw: &str) -> Result<usize, NpyError> {
    let inner = raw
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .ok_or_else(|| NpyError::Malformed(format!("shape {raw} is not a tuple")))?;
    let dims: Vec<&str> = inner.split(',').map(str::trim).filter(|d| !d.is_empty()).collect();
    match dims.as_slice() {
        [one] => one
            .trim_end_matches('L')
            .parse::<usize>()
            .map_err(|_| NpyError::Malformed(format!("shape {raw} has a dimension that is not a whole number"))),
        _ => Err(NpyError::Shape(raw.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_headers_parse_back_and_align_to_64() {
        for dtype in Dtype::ALL {
            for len in [0, 1, 95, 10_000_000, usize::MAX / 16] {
                let h = write_header(dtype, len);
                assert_eq!(h.len() % 64, 0);
                let p = parse_header(&h).unwrap();
                assert_eq!((p.dtype, p.len, p.data_offset, p.version), (dtype, len, h.len(), (1, 0)));
            }
        }
    }

    #[test]
    fn reads_a_version_2_header() {
        let dict = b"{'descr': '<i2', 'fortran_order': False, 'shape': (7,), }";
        let mut h = MAGIC.to_vec();
        h.extend_from_slice(&[2, 0]);
        h.extend_from_slice(&(dict.len() as u32 + 1).to_le_bytes());
        h.extend_from_slice(dict);
        h.push(b'\n');
        let p = parse_header(&h).unwrap();
        assert_eq!((p.dtype, p.len, p.data_offset, p.version), (Dtype::I16, 7, h.len(), (2, 0)));
    }

    #[test]
    fn refuses_what_it_cannot_read_with_the_value_named() {
        let with = |dict: &str| {
            let mut h = MAGIC.to_vec();
            h.extend_from_slice(&[1, 0]);
            h.extend_from_slice(&(dict.len() as u16).to_le_bytes());
            h.extend_from_slice(dict.as_bytes());
            parse_header(&h).unwrap_err().to_string()
        };
        assert!(with("{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }").contains(">f8"));
        assert!(with("{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }").contains("<c16"));
        assert!(with("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }").contains("(3, 4)"));
        assert!(with("{'descr': '<f8', 'fortran_order': False, 'shape': (), }").contains("()"));
        assert!(with("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }").contains("structured"));
        assert_eq!(parse_header(b"PK\x03\x04 zip file"), Err(NpyError::NotNpy));
        assert!(matches!(parse_header(b"\x93NUMPY\x04\x00"), Err(NpyError::Version(4, 0))));
        assert!(
            with("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }").contains("too large")
        );
    }
}
