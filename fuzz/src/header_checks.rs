//! Target `npy_header`: the .npy header parser on any bytes.
//!
//! Invariants: it returns, never panics; an error is one short line; a header it accepts has a payload
//! whose size and end fit a `usize`, starts where [`npy::header_len`] says, and round-trips through
//! [`npy::write_header`] for the same dtype and length.

use memwin::npy::{self, NpyError};

pub fn check(data: &[u8]) {
    let total = npy::header_len(data);
    match &total {
        Ok(total) => assert!((10..=npy::PREAMBLE_LEN + npy::MAX_HEADER_LEN).contains(total), "header_len {total}"),
        Err(e) => one_short_line(e),
    }
    match npy::parse_header(data) {
        Ok(h) => {
            assert_eq!(Ok(h.data_offset), total);
            let end = h.len.checked_mul(h.dtype.size()).and_then(|b| b.checked_add(h.data_offset));
            assert_eq!(end.map(|e| e as u64), Some(h.file_len()), "the payload's end must fit a usize");
            assert!(matches!(h.version, (1..=3, 0)), "{:?}", h.version);

            let written = npy::write_header(h.dtype, h.len);
            assert_eq!(written.len() % 64, 0);
            let back = npy::parse_header(&written).expect("a header memwin writes parses");
            assert_eq!((back.dtype, back.len, back.data_offset, back.version), (h.dtype, h.len, written.len(), (1, 0)));

            // One byte short of the header is truncated, not misread.
            let short = npy::parse_header(&data[..h.data_offset - 1]);
            assert!(matches!(short, Err(NpyError::Truncated { .. })), "{short:?}");
        }
        Err(e) => one_short_line(&e),
    }
}

/// An error message a shell prints as its one line: no line breaks, and short even for a 10,000-byte header.
pub fn one_short_line(e: &NpyError) {
    let message = e.to_string();
    assert!(!message.contains(['\n', '\r']), "{message:?}");
    assert!(message.chars().count() <= 300, "{} chars: {message:?}", message.chars().count());
}
