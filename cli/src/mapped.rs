//! A `.npy` file mapped read-only, its payload seen as `&[T]` without a copy: the workers all read the same
//! pages of the OS page cache, as joblib's workers share a memmap.

use super::failure::{Failure, Outcome};
use super::npy_head::{self, Head};
use memmap2::{Mmap, MmapOptions};
use memwin::npy::{self, Header};
use memwin::{Dtype, Element};
use std::path::{Path, PathBuf};

/// An input array: its header and its payload.
pub struct Mapped {
    path: PathBuf,
    header: Header,
    file_len: u64,
    payload: Payload,
}

enum Payload {
    /// The payload itself, shared with the page cache.
    Map(Mmap),
    /// A copy, only when the payload does not start on a multiple of the element size (numpy never writes
    /// such files, but hand-made headers can). `u64` words align it for every dtype; `bytes` is its length.
    Copy { words: Vec<u64>, bytes: usize },
    /// A zero-length array: nothing to map.
    Empty,
}

impl Mapped {
    /// Opens, checks and maps `path`. Anything wrong with the file itself is bad input (exit 2).
    pub fn open(path: &Path) -> Outcome<Mapped> {
        let bad = |why: String| Failure::Usage(format!("{}: {why}", path.display()));
        let Head { file, file_len, bytes: head } = npy_head::read(path)?;
        let header = npy::parse_header(&head).map_err(|e| npy_head::bad(path, e))?;
        header.check_file_len(file_len).map_err(|e| npy_head::bad(path, e))?;

        // The payload's end, checked in usize (the map needs it) so that an absurd shape cannot overflow.
        let end = header.len.checked_mul(header.dtype.size()).and_then(|b| b.checked_add(header.data_offset));
        let bytes = match end {
            Some(end) if end as u64 <= file_len => end - header.data_offset,
            Some(end) => return Err(bad(npy::NpyError::Truncated { have: file_len, need: end as u64 }.to_string())),
            None => return Err(bad(format!("the shape ({},) is too large to address", header.len))),
        };

        let payload = if bytes == 0 {
            Payload::Empty
        } else {
            // SAFETY: the map is read-only, and memwin never changes input files. Another process truncating
            // the file while it runs could fault, as with any memory map (numpy's included).
            let map = unsafe { MmapOptions::new().offset(header.data_offset as u64).len(bytes).map(&file) }
                .map_err(|e| Failure::io("cannot map", path, e))?;
            if (map.as_ptr() as usize) % header.dtype.size() == 0 {
                Payload::Map(map)
            } else {
                let mut words = Vec::new();
                words.try_reserve_exact(bytes.div_ceil(8)).map_err(|_| {
                    Failure::Other(format!("cannot allocate {bytes} bytes to copy '{}'", path.display()))
                })?;
                words.resize(bytes.div_ceil(8), 0);
                bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes].copy_from_slice(&map);
                Payload::Copy { words, bytes }
            }
        };
        Ok(Mapped { path: path.to_path_buf(), header, file_len, payload })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn header(&self) -> &Header {
        &self.header
    }
    pub fn dtype(&self) -> Dtype {
        self.header.dtype
    }
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.header.len
    }
    pub fn is_empty(&self) -> bool {
        self.header.len == 0
    }
    /// The whole file's size in bytes.
    pub fn file_len(&self) -> u64 {
        self.file_len
    }
    /// Whether the payload had to be copied (misaligned) instead of mapped.
    pub fn is_copy(&self) -> bool {
        matches!(self.payload, Payload::Copy { .. })
    }

    /// Bytes after the payload that the header does not account for (numpy ignores them, and so does memwin).
    pub fn extra_bytes(&self) -> u64 {
        self.header.extra_bytes(self.file_len)
    }

    /// Notes for stderr, one line each (or `None`): bytes past the payload, and a payload that had to be
    /// copied. Commands print them once their input is validated, since a bad-input error must stay the
    /// only line.
    pub fn note(&self) -> Option<String> {
        let mut notes = Vec::new();
        if self.extra_bytes() > 0 {
            notes.push(format!(
                "warning: '{}' has {} bytes after the {} its header describes; memwin ignores them, as numpy does",
                self.path.display(),
                self.extra_bytes(),
                plural(self.header.len, self.header.dtype.name()),
            ));
        }
        if self.is_copy() {
            notes.push(format!(
                "note: the payload of '{}' starts at byte {}, not a multiple of {}; memwin read a copy instead of mapping it",
                self.path.display(),
                self.header.data_offset,
                self.header.dtype.size()
            ));
        }
        (!notes.is_empty()).then(|| notes.join("\n"))
    }

    /// The payload's raw bytes.
    pub fn bytes(&self) -> &[u8] {
        match &self.payload {
            Payload::Map(m) => m,
            Payload::Copy { words, bytes } => &bytemuck::cast_slice(words)[..*bytes],
            Payload::Empty => &[],
        }
    }

    /// The payload as elements, or `None` if `T` is not the file's dtype. Use it with
    /// `memwin::with_element_type!(m.dtype(), T => …)`.
    pub fn slice<T: Element>(&self) -> Option<&[T]> {
        if T::DTYPE != self.header.dtype {
            return None;
        }
        if self.bytes().is_empty() {
            // An empty `&[u8]` may be dangling at address 1, which bytemuck rightly calls misaligned.
            return Some(&[]);
        }
        // Cannot fail: the length is a whole number of elements and the start is aligned (checked in open).
        bytemuck::try_cast_slice(self.bytes()).ok()
    }
}

/// "1 float64 value", "3 int16 values".
fn plural(n: usize, dtype: &str) -> String {
    format!("{n} {dtype} value{}", if n == 1 { "" } else { "s" })
}
