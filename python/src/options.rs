//! The options of a call, checked and turned into kernel values. Messages match the CLI's: they name the
//! option and the value.

use memwin::{Named, WindowRule, Windows};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat};
use std::time::Duration;

/// A kernel error as Python sees it: a ValueError with the kernel's own one-line message.
pub fn kernel_error(e: memwin::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A whole number ≥ 0 (Python int or numpy integer). Floats and bools are refused, as numpy refuses them
/// for sizes; a negative value gets the kernel's "must be at least 1" wording.
pub fn count(value: &Bound<'_, PyAny>, what: &str) -> PyResult<usize> {
    if value.is_instance_of::<PyFloat>() || value.is_instance_of::<PyBool>() {
        let type_name = value.get_type().name()?;
        return Err(PyTypeError::new_err(format!("{what} must be an integer, got {type_name} {}", value.repr()?)));
    }
    let v: i128 = value.extract().map_err(|_| {
        let type_name = value.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        PyTypeError::new_err(format!("{what} must be an integer, got {type_name}"))
    })?;
    if v < 0 {
        return Err(PyValueError::new_err(format!("{what} must be at least 1, got {v}")));
    }
    usize::try_from(v).map_err(|_| PyValueError::new_err(format!("{what} is too large, got {v}")))
}

/// The windows of a call; `step` defaults to `size` (windows side by side), as in the CLI.
pub fn windows(
    len: usize,
    size: &Bound<'_, PyAny>,
    step: Option<&Bound<'_, PyAny>>,
    seed_windows: bool,
) -> PyResult<Windows> {
    let size = count(size, "window size")?;
    let step = match step {
        Some(step) if !step.is_none() => count(step, "window step")?,
        _ => size,
    };
    let rule = if seed_windows { WindowRule::SeedCompatible } else { WindowRule::AllFull };
    Windows::new(len, size, step, rule).map_err(kernel_error)
}

/// An option enum by name (`"mean"`, `"skip"`, `"per-window"`, …): whatever names the kernel has.
pub fn name<E: Named + std::str::FromStr<Err = memwin::UnknownName>>(value: &str) -> PyResult<E> {
    value.parse::<E>().map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The thread count: the available parallelism when not given.
pub fn threads(value: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    match value {
        Some(v) if !v.is_none() => {
            let t = count(v, "thread count")?;
            memwin::Execution::with_threads(t).map_err(kernel_error)?;
            Ok(t)
        }
        _ => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// The simulated cost per window (milliseconds), for the seed experiment and the tests.
pub fn cost(ms: f64) -> PyResult<Duration> {
    if !ms.is_finite() || ms < 0.0 {
        return Err(kernel_error(memwin::Error::BadCost(ms.to_string())));
    }
    Ok(Duration::from_secs_f64(ms / 1e3))
}
