//! A `.npy` file written in place through a writable map, which appears under its final name only when
//! complete. It is built as a temp file in the same folder (so the rename is atomic), named
//! `.NAME.partial-PID-XXXXXX` by the `tempfile` crate, and removed if dropped before [`OutputFile::finish`]
//! (an error, a panic, a signal). A process killed outright (SIGKILL) cannot clean up: the next run in that
//! folder removes such leftovers, recognised by the PID of a process that no longer runs.

use super::failure::{Failure, Outcome};
use super::interrupt;
use memmap2::MmapMut;
use memwin::{npy, Dtype, Element};
use std::fs::File;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

pub struct OutputFile {
    final_path: PathBuf,
    force: bool,
    /// Removed when dropped, unless persisted.
    temp: NamedTempFile,
    map: Option<MmapMut>,
    dtype: Dtype,
    data_offset: usize,
}

/// Everything [`OutputFile::create`] would refuse as bad input, checked without touching the disk, so a
/// command can validate its output before doing any work: the folder exists and takes new files, the target
/// is not a folder, it exists only with `force`, and it is not the input.
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
    if let Err(e) = writable(folder) {
        return Err(Failure::Usage(format!(
            "the output folder '{}' is not writable ({e}) (for output '{}')",
            folder.display(),
            path.display()
        )));
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
            return Err(exists(path));
        }
    }
    Ok(())
}

fn exists(path: &Path) -> Failure {
    Failure::Usage(format!("output '{}' already exists; pass --force to replace it", path.display()))
}

impl OutputFile {
    /// Creates the temp file at full size (header, then zeros) and maps it. The space is reserved, not left
    /// sparse, so a full disk is an I/O error here rather than a SIGBUS while workers write into the map.
    /// A signal during the reservation stops it (`Failure::Cancelled`) and removes the file.
    pub fn create(path: &Path, dtype: Dtype, len: usize, force: bool) -> Outcome<OutputFile> {
        check(path, force, None)?;
        let name = path.file_name().expect("checked").to_string_lossy().into_owned();
        let folder = parent(path);
        let header = npy::write_header(dtype, len);
        let total = len
            .checked_mul(dtype.size())
            .and_then(|p| p.checked_add(header.len()))
            .ok_or_else(|| Failure::Usage(format!("an output of {len} elements of {} is too large", dtype.name())))?;

        remove_stale_temps(folder, &name);
        // From here on, dropping `temp` removes the file, whatever fails next.
        let temp = tempfile::Builder::new()
            .prefix(&temp_prefix(&name, std::process::id()))
            .rand_bytes(6)
            .tempfile_in(folder)
            .map_err(|e| Failure::io("cannot create", path, e))?;
        // tempfile makes it private (0600); an output gets the mode any new file gets (0666 less the umask).
        set_default_mode(temp.as_file()).map_err(|e| Failure::io("cannot create", path, e))?;
        // Errors name the output the user asked for, not the temp file (which is gone by then).
        reserve(temp.as_file(), &header, total).map_err(|e| match e {
            Reserve::Cancelled => Failure::Cancelled,
            Reserve::Io(e) => Failure::io("cannot write", path, e),
        })?;
        // SAFETY: the temp file is ours alone (created exclusively under a random name).
        let map = unsafe { MmapMut::map_mut(temp.as_file()) }.map_err(|e| Failure::io("cannot map", path, e))?;
        Ok(OutputFile { final_path: path.to_path_buf(), force, temp, map: Some(map), dtype, data_offset: header.len() })
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
        self.temp.path()
    }

    /// Writes the map and the file to disk, renames it to its final name, and writes the folder to disk, so
    /// that after a crash the name holds either nothing (or the old file) or the whole new one. A signal
    /// that came before the rename cancels it.
    pub fn finish(mut self) -> Outcome<PathBuf> {
        let what = |e| Failure::io("cannot write", &self.final_path, e);
        if let Some(map) = self.map.take() {
            map.flush().map_err(what)?;
        }
        self.temp.as_file().sync_all().map_err(what)?;
        interrupt::check()?;
        let final_path = self.final_path.clone();
        let persisted =
            if self.force { self.temp.persist(&final_path) } else { self.temp.persist_noclobber(&final_path) };
        persisted.map_err(|e| match e.error.kind() {
            // Someone else made the file since `check`: still the user's call to replace it.
            ErrorKind::AlreadyExists => exists(&final_path),
            _ => Failure::io("cannot rename the finished output to", &final_path, e.error),
        })?;
        sync_folder(parent(&final_path)).map_err(|e| Failure::io("cannot write", &final_path, e))?;
        Ok(final_path)
    }
}

/// `.NAME.partial-PID-`: the PID says whose it is, so a leftover of a killed process can be recognised.
fn temp_prefix(name: &str, pid: u32) -> String {
    format!(".{name}.partial-{pid}-")
}

/// Removes temp files for `name` in `folder` left by processes that no longer run (killed by SIGKILL, or a
/// crash). One note line on stderr for each.
fn remove_stale_temps(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let prefix = format!(".{name}.partial-");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else { continue };
        // `PID-XXXXXX` from this version, `PID` from earlier ones.
        let Ok(pid) = rest.split('-').next().unwrap_or("").parse::<u32>() else { continue };
        // Our own PID cannot own one yet: it is a leftover of an earlier process that had the same PID.
        if (pid == std::process::id() || !process_runs(pid)) && std::fs::remove_file(entry.path()).is_ok() {
            eprintln!(
                "memwin: note: removed '{}', left by process {pid}, which no longer runs",
                entry.path().display()
            );
        }
    }
}

#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists, under another user.
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

enum Reserve {
    Cancelled,
    Io(std::io::Error),
}

impl From<std::io::Error> for Reserve {
    fn from(e: std::io::Error) -> Reserve {
        Reserve::Io(e)
    }
}

/// Writes the header and reserves the rest of `total` bytes as zeros: with `posix_fallocate` (one call, no
/// data written), else by writing zeros in 1 MiB pieces, checking for a signal between them.
fn reserve(mut file: &File, header: &[u8], total: usize) -> Result<(), Reserve> {
    file.write_all(header)?;
    if allocate(file, total)? {
        return Ok(());
    }
    let zeros = vec![0u8; (total - header.len()).min(1 << 20)];
    let mut left = total - header.len();
    while left > 0 {
        interrupt::check().map_err(|_| Reserve::Cancelled)?;
        let n = left.min(zeros.len());
        file.write_all(&zeros[..n])?;
        left -= n;
    }
    Ok(())
}

/// Reserves `total` bytes for `file`; `Ok(false)` where the file system cannot.
#[cfg(unix)]
fn allocate(file: &File, total: usize) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    let Ok(len) = libc::off_t::try_from(total) else {
        return Err(std::io::Error::from_raw_os_error(libc::EFBIG));
    };
    // SAFETY: a valid open descriptor and a byte range; the call only changes the file's allocation.
    match unsafe { libc::posix_fallocate(file.as_raw_fd(), 0, len) } {
        0 => Ok(true),
        libc::EOPNOTSUPP | libc::EINVAL => Ok(false),
        e => Err(std::io::Error::from_raw_os_error(e)),
    }
}

#[cfg(not(unix))]
fn allocate(_file: &File, _total: usize) -> std::io::Result<bool> {
    Ok(false)
}

#[cfg(unix)]
fn set_default_mode(file: &File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: umask only swaps the process's mask; it is put back at once (no file is created in between
    // by this command's other threads).
    let mask = unsafe {
        let mask = libc::umask(0o022);
        libc::umask(mask);
        mask
    };
    // mode_t is u32 on Linux but u16 elsewhere (macOS).
    #[allow(clippy::useless_conversion)]
    let mask = u32::from(mask);
    file.set_permissions(std::fs::Permissions::from_mode(0o666 & !mask))
}

#[cfg(not(unix))]
fn set_default_mode(_file: &File) -> std::io::Result<()> {
    Ok(())
}

/// Whether this process may create files in `folder` (a read-only mount says no even to root).
#[cfg(unix)]
fn writable(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else { return Ok(()) };
    // SAFETY: a NUL-terminated path; access only reads it.
    match unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) } {
        0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    }
}

#[cfg(not(unix))]
fn writable(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Makes a rename in `folder` durable.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
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
