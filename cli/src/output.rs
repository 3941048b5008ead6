//! A `.npy` file written in place through a writable map, which appears under its final name only when
//! complete: it is built as `.NAME.partial-PID` in the same folder (so the rename is atomic), renamed by
//! [`OutputFile::finish`], and removed if dropped before that (an error, a panic, Ctrl-C).

use super::failure::{Failure, Outcome};
use memmap2::MmapMut;
use memwin::{npy, Dtype, Element};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct OutputFile {
    final_path: PathBuf,
    temp_path: PathBuf,
    map: Option<MmapMut>,
    dtype: Dtype,
    data_offset: usize,
    finished: bool,
}

/// Everything [`OutputFile::create`] would refuse as bad input, checked without touching the disk, so a
/// command can validate its output before doing any work: the folder exists, the target is not a folder,
/// it exists only with `force`, and it is not the input.
pub fn check(path: &Path, force: bool, input: Option<&Path>) -> Outcome {
    if path.file_name().is_none() {
        return Err(Failure::Usage(format!("output '{}' is not a file name", path.display())));
    }
    let folder = parent(path);
    if !folder.is_dir() {
        return Err(Failure::Usage(format!(
            "the output folder '{}' does not exist (for output '{}')",
            folder.display(),
            path.display()
        )));
    }
    if path.is_dir() {
        return Err(Failure::Usage(format!("output '{}' is a folder", path.display())));
    }
    if path.exists() {
        if let Some(input) = input {
            if same_file(path, input) {
                return Err(Failure::Usage(format!(
                    "output '{}' is the input file; write to another file",
                    path.display()
                )));
            }
        }
        if !force {
            return Err(Failure::Usage(format!(
                "output '{}' already exists; pass --force to replace it",
                path.display()
            )));
        }
    }
    Ok(())
}

impl OutputFile {
    /// Creates the temp file at full size (header, then zeros) and maps it. The zeros are written, not left
    /// sparse, so a full disk is an I/O error here rather than a SIGBUS while workers write into the map.
    pub fn create(path: &Path, dtype: Dtype, len: usize, force: bool) -> Outcome<OutputFile> {
        check(path, force, None)?;
        let name = path.file_name().expect("checked").to_string_lossy();
        let temp_path = parent(path).join(format!(".{name}.partial-{}", std::process::id()));
        let header = npy::write_header(dtype, len);
        let payload = len
            .checked_mul(dtype.size())
            .ok_or_else(|| Failure::Usage(format!("an output of {len} elements of {} is too large", dtype.name())))?;

        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&temp_path)
            .map_err(|e| Failure::io("cannot create", path, e))?;
        // From here on, dropping `out` removes the temp file, whatever fails next.
        let mut out = OutputFile {
            final_path: path.to_path_buf(),
            temp_path,
            map: None,
            dtype,
            data_offset: header.len(),
            finished: false,
        };
        // Errors name the output the user asked for, not the temp file (which is gone by then).
        write_zero_filled(&file, &header, payload).map_err(|e| Failure::io("cannot write", path, e))?;
        // SAFETY: the temp file is ours alone (created with create_new under a per-process name).
        let map = unsafe { MmapMut::map_mut(&file) }.map_err(|e| Failure::io("cannot map", path, e))?;
        out.map = Some(map);
        Ok(out)
    }

    /// The payload as elements, or `None` if `T` is not this file's dtype.
    pub fn values_mut<T: Element>(&mut self) -> Option<&mut [T]> {
        if T::DTYPE != self.dtype {
            return None;
        }
        let map = self.map.as_mut()?;
        // Cannot fail: the header is padded to 64 bytes, and the map starts on a page.
        bytemuck::try_cast_slice_mut(&mut map[self.data_offset..]).ok()
    }

    /// The temp file's path (tests check that it goes away).
    pub fn temp_path(&self) -> &Path {
        &self.temp_path
    }

    /// Flushes the map to the file and renames it to its final name.
    pub fn finish(mut self) -> Outcome<PathBuf> {
        if let Some(map) = self.map.take() {
            map.flush().map_err(|e| Failure::io("cannot write", &self.final_path, e))?;
        }
        std::fs::rename(&self.temp_path, &self.final_path)
            .map_err(|e| Failure::io("cannot rename the finished output to", &self.final_path, e))?;
        self.finished = true;
        Ok(self.final_path.clone())
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if !self.finished {
            drop(self.map.take());
            let _ = std::fs::remove_file(&self.temp_path);
        }
    }
}

fn write_zero_filled(mut file: &File, header: &[u8], payload: usize) -> std::io::Result<()> {
    file.write_all(header)?;
    let zeros = vec![0u8; payload.min(1 << 20)];
    let mut left = payload;
    while left > 0 {
        let n = left.min(zeros.len());
        file.write_all(&zeros[..n])?;
        left -= n;
    }
    Ok(())
}

/// The folder a path lives in; a bare file name lives in the current folder.
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
