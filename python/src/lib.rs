//! `memwin._memwin`: the Python package's extension module, a thin shell over the memwin kernel.
//!
//! It turns a numpy array (or memmap) into a `&[T]` and an output array into a `&mut [f64]` without copying
//! either, checks every option before any thread starts, and runs the kernel with the GIL released. The
//! Python-facing API and its docs live in `memwin/__init__.py` and `memwin/_memwin.pyi`.

mod arrays;
mod interruptible;
mod options;
mod outputs;
mod pools;

use memwin::{with_element_type, Access, Dtype, Element, Execution, Job, Named, NanPolicy, Stat, Strategy};
use numpy::{PyArray1, PyArrayMethods, PyUntypedArray};
use options::Options;
use pyo3::prelude::*;

/// One statistic per window of a 1-D array, as float64 of shape (k,): the CLI's `memwin compute`.
///
/// x: a 1-D C-contiguous numpy array (np.memmap and np.load(path, mmap_mode="r") included) of float64,
///     float32, int64, int32, int16, uint16 or uint8. Read in place, never copied.
/// size: the window length. step: the distance between window starts (default: size, windows side by
///     side; larger than size leaves gaps).
/// stat: mean, sum, min, max, var or std (var and std with ddof 0, as numpy). Means are numpy's
///     x[a:b].mean() bit for bit under the per-window strategy (strategy="per-window" forces it); the other
///     strategies' means can differ from numpy's in the last bits.
/// nan: "propagate" (numpy's mean: a NaN makes its window NaN) or "skip" (numpy's nanmean).
/// seed_windows: the joblib example's windows, range(0, n - size, step), which leave out a last window
///     starting at n - size. Default: every full window, as sliding_window_view(x, size)[::step].
/// threads: worker threads (default: the available parallelism); 1 runs on one thread.
/// strategy: "auto" or one of memwin.STRATEGIES; they agree within the documented error bounds. "auto"
///     picks by cost: for long overlapping windows (a rolling mean of 1,000 at step 1) sliding or blocked.
/// out: a float64 array of length k to write into (a writable memmap, np.lib.format.open_memmap, works);
///     it is returned. Without it, a new array: once numpy frees one, a later call may write into its
///     memory (already mapped, so a loop of calls skips the OS's page zeroing).
///
/// The GIL is released while the kernel runs, and Ctrl-C stops it. Bad input raises TypeError or
/// ValueError with one line naming the value (a masked array is refused: pass x.filled(np.nan) with
/// nan="skip"); MemoryError when the kernel cannot allocate its scratch memory.
#[pyfunction]
#[pyo3(signature = (
    x, size, step=None, *, stat=Stat::default(), nan=NanPolicy::default(), seed_windows=false, threads=None,
    strategy=Strategy::default(), out=None, _cost_ms=0.0, _access=Access::default()
))]
// The private keywords (the seed experiment's simulated cost and per-task copies) stay out of help().
#[pyo3(
    text_signature = "(x, size, step=None, *, stat='mean', nan='propagate', seed_windows=False, threads=None, strategy='auto', out=None)"
)]
#[allow(clippy::too_many_arguments)]
fn window_stats<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    size: &Bound<'py, PyAny>,
    step: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = options::stat)] stat: Stat,
    #[pyo3(from_py_with = options::nan)] nan: NanPolicy,
    seed_windows: bool,
    threads: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = options::strategy)] strategy: Strategy,
    out: Option<&Bound<'py, PyAny>>,
    _cost_ms: f64,
    #[pyo3(from_py_with = options::access)] _access: Access,
) -> PyResult<Bound<'py, PyAny>> {
    // Everything is checked here, before any thread starts or any output is allocated.
    let (input, dtype) = arrays::input(x)?;
    let options = Options {
        stat,
        nan,
        strategy,
        threads,
        access: _access,
        cost_ms: _cost_ms,
        ..Options::windows(size, step, seed_windows)
    };
    let (job, exec) = options.plan(numpy::PyUntypedArrayMethods::len(&input))?;
    let count = job.windows.count();
    let out = match out {
        Some(out) => arrays::output(out, count)?,
        None => outputs::new_array(py, count)?,
    };
    with_element_type!(dtype, T => compute::<T>(py, &input, &out, &job, exec))?;
    Ok(out.into_any())
}

fn compute<T: Element + numpy::Element>(
    py: Python<'_>,
    input: &Bound<'_, PyUntypedArray>,
    out: &Bound<'_, PyArray1<f64>>,
    job: &Job,
    exec: Execution,
) -> PyResult<Strategy> {
    let input = input.cast::<PyArray1<T>>()?.try_readonly().map_err(arrays::input_borrow_error)?;
    let mut output = out.try_readwrite().map_err(arrays::output_borrow_error)?;
    let x = input.as_slice().map_err(|e| arrays::layout_error("x", e))?;
    let values = output.as_slice_mut().map_err(|e| arrays::layout_error("out", e))?;
    interruptible::run(py, x, values, job, exec)
}

/// How many windows `window_stats` gives for an input of length `n`.
#[pyfunction]
#[pyo3(signature = (n, size, step=None, *, seed_windows=false))]
fn window_count(
    n: &Bound<'_, PyAny>,
    size: &Bound<'_, PyAny>,
    step: Option<&Bound<'_, PyAny>>,
    seed_windows: bool,
) -> PyResult<usize> {
    let n = options::count(n, "input length")?;
    Ok(Options::windows(size, step, seed_windows).plan(n)?.0.windows.count())
}

/// The planned job of a call over an input of length `n`, for the functions that describe a call without
/// running it.
#[allow(clippy::too_many_arguments)]
fn plan(
    n: &Bound<'_, PyAny>,
    size: &Bound<'_, PyAny>,
    step: Option<&Bound<'_, PyAny>>,
    seed_windows: bool,
    stat: Stat,
    nan: NanPolicy,
    strategy: Strategy,
    cost_ms: f64,
) -> PyResult<Job> {
    let n = options::count(n, "input length")?;
    let options = Options { stat, nan, strategy, cost_ms, ..Options::windows(size, step, seed_windows) };
    Ok(options.plan(n)?.0)
}

/// The concrete strategy `strategy` stands for on an input of length `n` (what `auto` resolves to). Shells
/// that split one job into pieces (memwin.dask) fix it once, so every piece computes as the whole would.
#[pyfunction]
#[pyo3(signature = (
    n, size, step=None, *, seed_windows=false, stat=Stat::default(), nan=NanPolicy::default(),
    strategy=Strategy::default(), _cost_ms=0.0
))]
#[pyo3(text_signature = "(n, size, step=None, *, seed_windows=False, stat='mean', nan='propagate', strategy='auto')")]
#[allow(clippy::too_many_arguments)]
fn resolve_strategy(
    n: &Bound<'_, PyAny>,
    size: &Bound<'_, PyAny>,
    step: Option<&Bound<'_, PyAny>>,
    seed_windows: bool,
    #[pyo3(from_py_with = options::stat)] stat: Stat,
    #[pyo3(from_py_with = options::nan)] nan: NanPolicy,
    #[pyo3(from_py_with = options::strategy)] strategy: Strategy,
    _cost_ms: f64,
) -> PyResult<&'static str> {
    Ok(plan(n, size, step, seed_windows, stat, nan, strategy, _cost_ms)?.strategy.name())
}

/// Every how many windows a piece of the job may start and still give the whole run's bits (1: at any
/// window): the kernel's chunk rule (`Job::chunk_alignment`). memwin.dask starts each task's span of
/// windows on a multiple of it.
#[pyfunction]
#[pyo3(signature = (
    n, size, step=None, *, seed_windows=false, stat=Stat::default(), nan=NanPolicy::default(),
    strategy=Strategy::default(), _cost_ms=0.0
))]
#[pyo3(text_signature = "(n, size, step=None, *, seed_windows=False, stat='mean', nan='propagate', strategy='auto')")]
#[allow(clippy::too_many_arguments)]
fn chunk_alignment(
    n: &Bound<'_, PyAny>,
    size: &Bound<'_, PyAny>,
    step: Option<&Bound<'_, PyAny>>,
    seed_windows: bool,
    #[pyo3(from_py_with = options::stat)] stat: Stat,
    #[pyo3(from_py_with = options::nan)] nan: NanPolicy,
    #[pyo3(from_py_with = options::strategy)] strategy: Strategy,
    _cost_ms: f64,
) -> PyResult<usize> {
    Ok(plan(n, size, step, seed_windows, stat, nan, strategy, _cost_ms)?.chunk_alignment())
}

fn names<E: Named>() -> Vec<&'static str> {
    E::ALL.iter().map(|e| e.name()).collect()
}

#[pymodule]
fn _memwin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(window_stats, m)?)?;
    m.add_function(wrap_pyfunction!(window_count, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_strategy, m)?)?;
    m.add_function(wrap_pyfunction!(chunk_alignment, m)?)?;
    // The accepted names, straight from the kernel, so the package never hard-codes a list.
    m.add("STATS", names::<Stat>())?;
    m.add("NAN_POLICIES", names::<NanPolicy>())?;
    m.add("STRATEGIES", names::<Strategy>())?;
    m.add("DTYPES", Dtype::ALL.iter().map(|d| d.name()).collect::<Vec<_>>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
