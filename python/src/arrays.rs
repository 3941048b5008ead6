//! numpy arrays in and out, read and written in place: the checks that make a `&[T]` and a `&mut [f64]`
//! of them safe, each failing with one line that names the value.

use memwin::{with_element_type, Dtype};
use numpy::{dtype, BorrowError, PyArray1, PyArrayDescrMethods, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

const DTYPES: &str = "float64, float32, int64, int32, int16, uint16, uint8";

/// The input: a 1-D, C-contiguous, aligned numpy array (np.memmap and np.load(mmap_mode="r") included) of a
/// dtype the kernel reads. Never copied.
pub fn input<'py>(x: &Bound<'py, PyAny>) -> PyResult<(Bound<'py, PyUntypedArray>, Dtype)> {
    if is_masked(x)? {
        return Err(PyTypeError::new_err(
            "x is a masked array (np.ma.MaskedArray), and memwin would read its data with the mask ignored; \
             pass x.filled(np.nan) with nan=\"skip\" to leave the masked values out",
        ));
    }
    let array = x.cast::<PyUntypedArray>().map_err(|_| {
        PyTypeError::new_err(format!(
            "x must be a numpy array or memmap of {DTYPES}, got {} (memwin reads arrays in place and converts nothing; \
             for a dask array use memwin.dask.window_stats)",
            type_name(x)
        ))
    })?;
    let descr = array.dtype();
    let dtype = Dtype::ALL
        .into_iter()
        .find(|&d| with_element_type!(d, T => descr.is_equiv_to(&dtype::<T>(x.py()))))
        .ok_or_else(|| {
            if descr.is_native_byteorder() == Some(false) {
                PyTypeError::new_err(format!(
                    "big-endian dtype '{}' is not supported; convert it with x.astype(x.dtype.newbyteorder('<'))",
                    dtype_str(&descr)
                ))
            } else {
                PyTypeError::new_err(format!("unsupported dtype '{}' (memwin reads {DTYPES})", dtype_str(&descr)))
            }
        })?;
    if array.ndim() != 1 {
        return Err(PyValueError::new_err(format!("memwin reads 1-D arrays, but x has shape {}", shape(array))));
    }
    layout("x", array)?;
    Ok((array.clone(), dtype))
}

/// `out=`: a writable, 1-D, C-contiguous float64 array of exactly `count` values (a writable memmap
/// included), which the workers fill in place.
pub fn output<'py>(out: &Bound<'py, PyAny>, count: usize) -> PyResult<Bound<'py, PyArray1<f64>>> {
    if is_masked(out)? {
        return Err(PyTypeError::new_err(
            "out is a masked array (np.ma.MaskedArray), whose mask memwin would leave as it is; \
             pass a plain float64 array (out.data, or np.empty(k))",
        ));
    }
    let array = out.cast::<PyUntypedArray>().map_err(|_| {
        PyTypeError::new_err(format!("out must be a float64 numpy array or writable memmap, got {}", type_name(out)))
    })?;
    let descr = array.dtype();
    if !descr.is_equiv_to(&dtype::<f64>(out.py())) {
        if descr.is_native_byteorder() == Some(false) && descr.kind() == b'f' && descr.itemsize() == 8 {
            let order = if descr.byteorder() == b'>' { "big-endian" } else { "little-endian" };
            return Err(PyTypeError::new_err(format!(
                "out has dtype '{}': float64, but {order}, not this machine's byte order; memwin writes native \
                 float64, so pass a native float64 array (np.empty(k)) and convert it afterwards",
                dtype_str(&descr)
            )));
        }
        return Err(PyTypeError::new_err(format!("out must be float64, got dtype '{}'", dtype_str(&descr))));
    }
    if array.ndim() != 1 {
        return Err(PyValueError::new_err(format!("out must be 1-D, but it has shape {}", shape(array))));
    }
    if PyUntypedArrayMethods::len(array) != count {
        return Err(PyValueError::new_err(
            memwin::Error::OutputLen { expected: count, got: PyUntypedArrayMethods::len(array) }.to_string(),
        ));
    }
    if !array.is_c_contiguous() {
        return Err(PyValueError::new_err(format!(
            "out is not contiguous (strides {}); a strided out= is not supported yet (it comes with N-D support): \
             pass a contiguous float64 array and copy it into place afterwards",
            tuple(array.strides())
        )));
    }
    layout("out", array)?;
    Ok(array.cast::<PyArray1<f64>>()?.clone())
}

/// Contiguous and aligned: what makes the array's memory a Rust slice.
fn layout(what: &str, array: &Bound<'_, PyUntypedArray>) -> PyResult<()> {
    if !array.is_c_contiguous() {
        return Err(PyValueError::new_err(format!(
            "{what} is not contiguous (strides {}); memwin reads and writes in place, so pass np.ascontiguousarray({what})",
            tuple(array.strides())
        )));
    }
    if !array.is_aligned() {
        return Err(PyValueError::new_err(format!(
            "{what} is not aligned for its dtype '{}'; pass np.require({what}, requirements='CA') for an aligned copy",
            dtype_str(&array.dtype())
        )));
    }
    Ok(())
}

pub fn layout_error(what: &str, e: numpy::AsSliceError) -> PyErr {
    PyValueError::new_err(format!("{what}: {e}"))
}

pub fn input_borrow_error(e: BorrowError) -> PyErr {
    PyValueError::new_err(format!("x cannot be read: {e} (is it also passed as out=?)"))
}

pub fn output_borrow_error(e: BorrowError) -> PyErr {
    match e {
        BorrowError::NotWriteable => PyValueError::new_err(
            "out is read-only (a memmap opened with mode 'r'?); pass a writable float64 array, \
             e.g. np.lib.format.open_memmap(path, mode='w+', dtype='float64', shape=(k,))",
        ),
        BorrowError::AlreadyBorrowed => PyValueError::new_err(
            "out shares memory with x; memwin writes out while it reads x, so pass a separate array",
        ),
        e => PyValueError::new_err(format!("out cannot be written: {e}")),
    }
}

/// Whether `x` is a numpy masked array (or a subclass of one), whose mask memwin cannot honour.
fn is_masked(x: &Bound<'_, PyAny>) -> PyResult<bool> {
    static MASKED_ARRAY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    x.is_instance(MASKED_ARRAY.import(x.py(), "numpy.ma", "MaskedArray")?)
}

fn type_name(x: &Bound<'_, PyAny>) -> String {
    x.get_type().fully_qualified_name().map(|n| n.to_string()).unwrap_or_else(|_| "an unknown type".into())
}

/// numpy's str of a dtype: `float64`, `>f8`, `complex128`.
fn dtype_str(descr: &Bound<'_, numpy::PyArrayDescr>) -> String {
    descr.str().map(|s| s.to_string()).unwrap_or_else(|_| "?".into())
}

fn shape(array: &Bound<'_, PyUntypedArray>) -> String {
    tuple(array.shape())
}

/// Python's repr of a tuple of numbers: `(3,)`, `(2, 3)`.
fn tuple<N: ToString>(items: &[N]) -> String {
    let dims: Vec<String> = items.iter().map(|d| d.to_string()).collect();
    match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    }
}
