//! An input path is checked before it is opened: opening a FIFO for reading blocks until a writer comes,
//! and a folder or a device is no array. Only a regular file (or a link to one) goes on to be mapped.

use super::failure::{Failure, Outcome};
use std::path::Path;

pub fn check(path: &Path) -> Outcome {
    let meta = std::fs::metadata(path).map_err(|e| Failure::Usage(format!("cannot open '{}': {e}", path.display())))?;
    if meta.is_dir() {
        return Err(Failure::Usage(format!("input '{}' is a folder, not a .npy file", path.display())));
    }
    if !meta.is_file() {
        return Err(Failure::Usage(format!(
            "input '{}' is not a regular file (a pipe, socket or device); memwin maps files",
            path.display()
        )));
    }
    Ok(())
}
