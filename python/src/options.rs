//! The options of a call as the kernel's [`JobSpec`], planned by [`JobSpec::plan`]: the one validation every
//! shell shares. What stays here is Python's side of it: turning Python values (ints, None, names) into the
//! spec's plain values, and the kernel's errors into Python's exception types.

use memwin::{Access, Error, Execution, Job, JobSpec, Named, NanPolicy, Stat, Strategy, UnknownName, WindowRule};
use pyo3::exceptions::{PyMemoryError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyString};

/// A kernel error as Python sees it: a ValueError with the kernel's own one-line message, or a MemoryError
/// when the kernel could not allocate its scratch memory.
pub fn kernel_error(e: Error) -> PyErr {
    match e {
        Error::OutOfMemory { .. } => PyMemoryError::new_err(e.to_string()),
        e => PyValueError::new_err(e.to_string()),
    }
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

/// An optional count: `None` (or absent) is the kernel's default.
fn optional_count(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<usize>> {
    match value {
        Some(v) if !v.is_none() => count(v, what).map(Some),
        _ => Ok(None),
    }
}

/// An option enum by name (`"mean"`, `"skip"`, `"per-window"`, …): whatever names the kernel has. A value
/// that is not a str is a TypeError naming the parameter; an unknown name is the kernel's ValueError.
pub fn name<E: Named + std::str::FromStr<Err = UnknownName>>(value: &Bound<'_, PyAny>, param: &str) -> PyResult<E> {
    let Ok(text) = value.cast::<PyString>() else {
        let names: Vec<&str> = E::ALL.iter().map(|e| e.name()).collect();
        return Err(PyTypeError::new_err(format!(
            "{param} must be a str, one of {}; got {}",
            names.join(", "),
            described(value)
        )));
    };
    text.to_cow()?.parse::<E>().map_err(|e| PyValueError::new_err(e.to_string()))
}

/// `stat=`, `nan=`, `strategy=` and `_access=` (pyo3's `from_py_with`, so the message names the parameter).
pub fn stat(value: &Bound<'_, PyAny>) -> PyResult<Stat> {
    name(value, "stat")
}
pub fn nan(value: &Bound<'_, PyAny>) -> PyResult<NanPolicy> {
    name(value, "nan")
}
pub fn strategy(value: &Bound<'_, PyAny>) -> PyResult<Strategy> {
    name(value, "strategy")
}
pub fn access(value: &Bound<'_, PyAny>) -> PyResult<Access> {
    name(value, "_access")
}

/// A value as an error message shows it: its repr, after its type's name unless the repr names it
/// (`<function mean at 0x…>`, `bool True`, `NoneType None`).
fn described(value: &Bound<'_, PyAny>) -> String {
    let repr = value.repr().map(|r| r.to_string()).unwrap_or_default();
    if repr.starts_with('<') {
        return repr;
    }
    let type_name = value.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    format!("{type_name} {repr}")
}

/// One call's options: the names already the kernel's values, the numbers still Python's.
pub struct Options<'a, 'py> {
    pub size: &'a Bound<'py, PyAny>,
    pub step: Option<&'a Bound<'py, PyAny>>,
    pub seed_windows: bool,
    pub stat: Stat,
    pub nan: NanPolicy,
    pub strategy: Strategy,
    pub threads: Option<&'a Bound<'py, PyAny>>,
    pub access: Access,
    pub cost_ms: f64,
}

impl<'a, 'py> Options<'a, 'py> {
    /// Windows of `size` (step `step`), every other option at its default.
    pub fn windows(size: &'a Bound<'py, PyAny>, step: Option<&'a Bound<'py, PyAny>>, seed_windows: bool) -> Self {
        Options {
            size,
            step,
            seed_windows,
            stat: Stat::default(),
            nan: NanPolicy::default(),
            strategy: Strategy::default(),
            threads: None,
            access: Access::default(),
            cost_ms: 0.0,
        }
    }

    /// The kernel's spec of these options: Python's numbers converted, nothing checked that the kernel
    /// checks.
    pub fn spec(&self) -> PyResult<JobSpec> {
        Ok(JobSpec {
            step: optional_count(self.step, "window step")?,
            stat: self.stat,
            nan: self.nan,
            rule: if self.seed_windows { WindowRule::SeedCompatible } else { WindowRule::AllFull },
            threads: optional_count(self.threads, "thread count")?,
            strategy: self.strategy,
            access: self.access,
            cost_ms: self.cost_ms,
            ..JobSpec::new(count(self.size, "window size")?)
        })
    }

    /// The validated job over `len` elements, and where it runs: [`JobSpec::plan`].
    pub fn plan(&self, len: usize) -> PyResult<(Job, Execution)> {
        self.spec()?.plan(len).map_err(kernel_error)
    }
}
