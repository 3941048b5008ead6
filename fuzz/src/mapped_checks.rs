//! Target `mapped_open`: the CLI's `Mapped::open` on any file (the bytes written to a temp file), then
//! the payload read as its dtype.
//!
//! Invariants: nothing panics; a refusal is bad input (exit 2) on one line; an accepted file's slice has
//! exactly the header's length, its bytes are the file's bytes after the header, and `note()` names any
//! bytes past the payload.

use memwin::npy;
use memwin_cli::failure::Failure;
use memwin_cli::mapped::Mapped;
use std::sync::OnceLock;

pub fn check(data: &[u8]) {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let path = DIR.get_or_init(|| tempfile::tempdir().expect("a temp dir")).path().join("input.npy");
    std::fs::write(&path, data).expect("the temp file is written");

    match Mapped::open(&path) {
        Ok(m) => {
            let h = *m.header();
            assert_eq!(m.file_len(), data.len() as u64);
            assert_eq!(m.bytes(), &data[h.data_offset..][..h.payload_len() as usize]);
            let len = memwin::with_element_type!(m.dtype(), T => m.slice::<T>().map(<[T]>::len));
            assert_eq!(len, Some(h.len));
            assert_eq!(m.extra_bytes(), data.len() as u64 - h.file_len());
            let note = m.note().unwrap_or_default();
            assert_eq!(note.contains(&format!("has {} bytes after", m.extra_bytes())), m.extra_bytes() > 0, "{note}");
            assert_eq!(npy::parse_header(data), Ok(h));
        }
        Err(Failure::Usage(message)) => assert!(!message.contains(['\n', '\r']), "{message:?}"),
        Err(other) => panic!("a file's content is bad input, not {other}"),
    }
}
