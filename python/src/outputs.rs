//! The arrays `window_stats` returns when no `out` is given: their memory goes back to a small spare list
//! when numpy frees them, and the next call of a similar length writes into it.
//!
//! Why: a fresh 80 MB array costs nearly as much as the rolling mean over it. The OS maps and zeroes every
//! page on its first write (measured on the 2-core machine: 16–18 ms for 1e7 float64 on one thread with
//! huge pages, 78 ms without), and every call in a loop paid it again. Reused memory is already mapped. A
//! buffer is reused only after numpy has freed its array and every view of it (the array's base object,
//! a [`Spare`], is what holds it), so no two live arrays ever share memory.

use numpy::ndarray::ArrayView1;
use numpy::PyArray1;
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use std::sync::Mutex;

/// Freed outputs kept for reuse: few, so a dropped array is not held for long.
static SPARES: Mutex<Vec<Vec<f64>>> = Mutex::new(Vec::new());
/// At most this many buffers wait, the most recently freed first.
const KEEP: usize = 2;
/// A buffer larger than this is given back to the system at once.
const MAX_BYTES: usize = 1 << 30;

/// The memory of one returned array; numpy drops it with the array's last view, and it goes back to
/// [`SPARES`].
#[pyclass(module = "memwin._memwin", frozen)]
pub struct Spare {
    values: Vec<f64>,
}

impl Drop for Spare {
    fn drop(&mut self) {
        let values = std::mem::take(&mut self.values);
        if values.capacity() == 0 || values.capacity() * 8 > MAX_BYTES {
            return;
        }
        let mut spares = SPARES.lock().unwrap_or_else(|e| e.into_inner());
        spares.insert(0, values);
        spares.truncate(KEEP);
    }
}

/// A float64 array of length `len`, its values unspecified (the caller writes every one), in a spare
/// buffer of about that size or in fresh memory.
pub fn new_array(py: Python<'_>, len: usize) -> PyResult<Bound<'_, PyArray1<f64>>> {
    let values = match take_spare(len) {
        Some(values) => values,
        None => fresh(len)?,
    };
    let (ptr, n) = (values.as_ptr(), values.len());
    let owner = Bound::new(py, Spare { values })?;
    // SAFETY: the view covers the `n` initialised values of a Vec that `owner` holds and never resizes
    // until it is dropped, and `owner` becomes the array's base object, dropped only after the array.
    unsafe {
        let view = ArrayView1::from_shape_ptr(n, ptr);
        Ok(PyArray1::borrow_from_array(&view, owner.into_any()))
    }
}

/// A spare whose capacity fits `len` without growing and wastes at most a quarter of it.
fn take_spare(len: usize) -> Option<Vec<f64>> {
    let mut spares = SPARES.lock().unwrap_or_else(|e| e.into_inner());
    let i = spares.iter().position(|v| v.capacity() >= len && v.capacity() - len <= len / 4)?;
    let mut values = spares.swap_remove(i);
    drop(spares);
    // Within the capacity: no reallocation, and the new tail (if any) is written once.
    values.resize(len, 0.0);
    Some(values)
}

/// `len` zeros in new memory, which the OS maps (and zeroes) page by page on first write: asked to use
/// huge pages where it can, as numpy does for its own large arrays. MemoryError (not an abort, as
/// `vec![0.0; len]` would) when the system refuses, as numpy's own arrays do.
fn fresh(len: usize) -> PyResult<Vec<f64>> {
    let refused = || PyMemoryError::new_err(format!("cannot allocate the output: {len} float64 values"));
    if len == 0 {
        return Ok(Vec::new());
    }
    let layout = std::alloc::Layout::array::<f64>(len).map_err(|_| refused())?;
    // SAFETY: the layout's size is not zero (len > 0).
    let ptr = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<f64>();
    if ptr.is_null() {
        return Err(refused());
    }
    // SAFETY: allocated by the global allocator with the layout of `len` f64 (the capacity), all of them
    // initialised: zeroed bytes are 0.0.
    let values = unsafe { Vec::from_raw_parts(ptr, len, len) };
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let start = (values.as_ptr() as usize).next_multiple_of(PAGE);
        let end = values.as_ptr() as usize + len * 8;
        if end > start + PAGE {
            // SAFETY: a page-aligned range inside the Vec's allocation; MADV_HUGEPAGE only advises the
            // kernel, it never changes the contents. Failure (no THP) is harmless and ignored.
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
        }
    }
    Ok(values)
}
