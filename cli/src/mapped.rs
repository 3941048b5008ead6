//! A `.npy` file mapped read-only, its payload seen as `&[T]` without a copy: the workers all read the same
//! pages of the OS page cache, as joblib's workers share a memmap.

use super::failure::{Failure, Outcome};
use memmap2::{Mmap, MmapOptions};
use memwin::npy::{self, Header};
use memwin::{Dtype, Element};
use std::fs::File;
use std::io::Read;
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
        let mut file =
            File::open(path).map_err(|e| Failure::Usage(format!("cannot open '{}': {e}", path.display())))?;
        let meta = file.metadata().map_err(|e| Failure::io("cannot read", path, e))?;
        if !meta.is_file() {
            return Err(Failure::Usage(format!("'{}' is not a file", path.display())));
        }
        let file_len = meta.len();

        // The preamble says how long the header is; read exactly that much, never more than the file holds.
        let mut head = vec![0u8; npy::PREAMBLE_LEN.min(file_len as usize)];
        file.read_exact(&mut head).map_err(|e| Failure::io("cannot read", path, e))?;
        let header_len = npy::header_len(&head).map_err(|e| bad(e.to_string()))?;
        if header_len as u64 > file_len {
            return Err(bad(npy::NpyError::Truncated { have: file_len, need: header_len as u64 }.to_string()));
        }
        head.resize(header_len, 0);
        file.read_exact(&mut head[npy::PREAMBLE_LEN..]).map_err(|e| Failure::io("cannot read", path, e))?;
        let header = npy::parse_header(&head).map_err(|e| bad(e.to_string()))?;

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

    /// A note for stderr when the payload was copied, for commands to print once their input is validated
    /// (a bad-input error must stay the only line).
    pub fn note(&self) -> Option<String> {
        self.is_copy().then(|| {
            format!(
                "note: the payload of '{}' starts at byte {}, not a multiple of {}; memwin read a copy instead of mapping it",
                self.path.display(),
                self.header.data_offset,
                self.header.dtype.size()
            )
        })
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
