//! A .npy file's first bytes, as many as hold its header: read piece by piece as the kernel asks (never
//! more than the file has, nor than numpy's header limit), for `mapped` and `info` alike.

use super::failure::{Failure, Outcome};
use memwin::npy::{self, NpyError};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// An opened input: the file, its size and its header's bytes.
pub struct Head {
    pub file: File,
    pub file_len: u64,
    pub bytes: Vec<u8>,
}

/// Anything wrong with the file's content is bad input (exit 2), named with the file.
pub fn bad(path: &Path, e: NpyError) -> Failure {
    Failure::Usage(format!("{}: {e}", path.display()))
}

/// Opens `path` and reads its header's bytes.
pub fn read(path: &Path) -> Outcome<Head> {
    let mut file = File::open(path).map_err(|e| Failure::Usage(format!("cannot open '{}': {e}", path.display())))?;
    let meta = file.metadata().map_err(|e| Failure::io("cannot read", path, e))?;
    if !meta.is_file() {
        return Err(Failure::Usage(format!("'{}' is not a file", path.display())));
    }
    let file_len = meta.len();
    if file_len == 0 {
        return Err(Failure::Usage(format!("'{}' is empty (0 bytes), not a .npy file", path.display())));
    }
    let mut bytes = Vec::new();
    while let Some(n) = npy::bytes_needed(&bytes, file_len).map_err(|e| bad(path, e))? {
        let have = bytes.len();
        bytes.resize(n, 0);
        file.read_exact(&mut bytes[have..]).map_err(|e| Failure::io("cannot read", path, e))?;
    }
    Ok(Head { file, file_len, bytes })
}
