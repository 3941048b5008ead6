//! The input and output buffers in wasm memory, and the job that runs over them.

use crate::limits::{check_allocation, check_total, human_bytes, thousands};
use crate::options::{kernel, JobOptions};
use crate::pool::pool_threads;
use memwin::random::fill_random;
use memwin::{with_element_type, Control, Dtype, Error, Execution, Job, Named, Strategy};
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// One input, one output, one job. JavaScript gets byte offsets into wasm memory: it streams a file into
/// the input at [`Workspace::input_ptr`], and reads the output at `outputPtr` and the progress counter at
/// `donePtr` while a job runs; it sets the byte at `cancelPtr` to 1 to cancel.
#[wasm_bindgen]
pub struct Workspace {
    dtype: Dtype,
    len: usize,
    /// The input's bytes, in 8-byte words so that every dtype is aligned.
    input: Vec<u64>,
    output: Vec<f64>,
    /// Boxed so that the addresses handed to JavaScript never move.
    control: Box<Control>,
    prepared: Option<(Job, Execution)>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

#[wasm_bindgen]
impl Workspace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        console_error_panic_hook::set_once();
        Workspace {
            dtype: Dtype::F64,
            len: 0,
            input: Vec::new(),
            output: Vec::new(),
            control: Box::default(),
            prepared: None,
        }
    }

    /// Allocates a zeroed input of `len` elements of `dtype` (`f64`, `float64`, `i16`, …) and returns its
    /// byte offset in wasm memory. The previous input and output are freed first. Memory may grow: views of
    /// `memory.buffer` made before this call must be made again.
    #[wasm_bindgen(js_name = allocInput)]
    pub fn alloc_input(&mut self, dtype: &str, len: f64) -> Result<usize, JsError> {
        let dtype: Dtype = dtype.parse().map_err(|e: memwin::UnknownName| JsError::new(&e.to_string()))?;
        if !len.is_finite() || len.fract() != 0.0 || len < 1.0 {
            return Err(JsError::new(&format!("input length must be a whole number >= 1, got {len}")));
        }
        let bytes = len * dtype.size() as f64;
        let what = format!("the input ({} × {})", thousands(len as u64), dtype.name());
        check_allocation(&what, bytes.min(u64::MAX as f64) as u64).map_err(|e| JsError::new(&e))?;
        let bytes = bytes as u64;
        check_total(bytes, 8, 0).map_err(|e| JsError::new(&e))?;
        self.release();
        let words = bytes.div_ceil(8) as usize;
        self.input.try_reserve_exact(words).map_err(|_| out_of_memory(&what, bytes))?;
        self.input.resize(words, 0);
        self.dtype = dtype;
        self.len = len as usize;
        Ok(self.input_ptr())
    }

    /// Byte offset of the input in wasm memory.
    #[wasm_bindgen(js_name = inputPtr)]
    pub fn input_ptr(&self) -> usize {
        self.input.as_ptr() as usize
    }

    /// Bytes of input data (length × dtype size).
    #[wasm_bindgen(js_name = inputBytes)]
    pub fn input_bytes(&self) -> usize {
        self.len * self.dtype.size()
    }

    /// Elements in the input (0 before [`Workspace::alloc_input`]).
    #[wasm_bindgen(getter)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True before an input is allocated.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The input's dtype, short name (`f64`).
    #[wasm_bindgen(getter)]
    pub fn dtype(&self) -> String {
        self.dtype.short().to_string()
    }

    /// Fills the input with seeded random values (the same values as the native CLI's, for the same seed,
    /// dtype and length), on the pool when it is started and `threads` > 1.
    #[wasm_bindgen(js_name = fillRandom)]
    pub fn fill_random(&mut self, seed: f64, threads: usize) -> Result<(), JsError> {
        self.require_input()?;
        if !seed.is_finite() || seed.fract() != 0.0 || !(0.0..=9_007_199_254_740_992.0).contains(&seed) {
            return Err(JsError::new(&format!("seed must be a whole number from 0 to 2^53, got {seed}")));
        }
        let exec =
            if threads > 1 && pool_threads() > 0 { Execution::Parallel { threads } } else { Execution::Sequential };
        let seed = seed as u64;
        let len = self.len;
        with_element_type!(self.dtype, T => {
            let x: &mut [T] = &mut bytemuck::cast_slice_mut(&mut self.input)[..len];
            fill_random(seed, x, exec);
        });
        Ok(())
    }

    /// Validates a job over the current input (see [`JobOptions`]), allocates its output filled with NaN
    /// (so unfilled windows chart as gaps), and resets progress and cancel. Returns
    /// `{ windows, size, step, block, strategy, requested, chunkAlignment, threads, costMs, outputPtr, donePtr,
    /// cancelPtr }`. Memory may grow: make views again after this call.
    pub fn prepare(&mut self, options: JsValue) -> Result<JsValue, JsError> {
        self.require_input()?;
        let opts = JobOptions::from_js(options)?;
        // `Auto` comes back resolved, once for the whole input: the single build runs the job in chunks, and
        // a chunk re-resolving `Auto` for its own few windows could pick another strategy, with other bits
        // (issue 7, finding 3).
        let (job, exec) = opts.to_job(self.len, pool_threads())?;
        let requested = opts.strategy;
        let k = job.windows.count();
        let out_bytes = k as u64 * 8;
        let what = format!("the output ({} windows × float64)", thousands(k as u64));
        check_allocation(&what, out_bytes).map_err(|e| JsError::new(&e))?;
        let scratch = job.scratch_bytes(exec.threads(), self.dtype.size());
        check_total(self.input_bytes() as u64, out_bytes, scratch).map_err(|e| JsError::new(&e))?;

        self.prepared = None;
        self.output = Vec::new();
        self.output.try_reserve_exact(k).map_err(|_| out_of_memory(&what, out_bytes))?;
        self.output.resize(k, f64::NAN);
        // Grow memory now for what the kernel will allocate, so that it cannot fail inside the pool; the
        // allocator keeps the freed block for it.
        let mut probe: Vec<u8> = Vec::new();
        probe.try_reserve_exact(scratch as usize).map_err(|_| out_of_memory("the kernel's working memory", scratch))?;
        drop(probe);

        self.control.reset();
        self.prepared = Some((job, exec));
        let info = Prepared {
            windows: k,
            size: job.windows.size(),
            step: job.windows.step(),
            block: job.windows.block(),
            strategy: job.strategy.name(),
            requested: requested.name(),
            chunk_alignment: job.chunk_alignment(),
            threads: exec.threads(),
            cost_ms: job.cost.as_secs_f64() * 1e3,
            output_ptr: self.output.as_ptr() as usize,
            done_ptr: self.control.done_counter().as_ptr() as usize,
            cancel_ptr: self.control.cancel_flag().as_ptr() as usize,
        };
        Ok(serde_wasm_bindgen::to_value(&info)?)
    }

    /// Runs the prepared job over every window. Returns `"done"` or `"cancelled"` (the output is then
    /// partly written). Blocks until the job ends: call it from a worker, never from the page's main thread.
    pub fn run(&mut self) -> Result<String, JsError> {
        let (job, exec) = self.prepared.ok_or_else(|| JsError::new("no job prepared: call prepare() first"))?;
        let len = self.len;
        let result = with_element_type!(self.dtype, T => {
            let x: &[T] = &bytemuck::cast_slice(&self.input)[..len];
            memwin::run(x, &mut self.output, &job, exec, &self.control)
        });
        outcome(result)
    }

    /// Runs one chunk of the prepared job: the one of the kernel's [`Job::chunks`]`(per)` that starts at window
    /// `first`, without its simulated cost (the caller simulates it: the single-thread build cannot sleep).
    /// `per` must be a multiple of `chunkAlignment` and `first` a multiple of `per`: the kernel's rule for a
    /// chunk that computes the bits of one whole run. Progress adds up across calls. Returns `"done"` or
    /// `"cancelled"`.
    #[wasm_bindgen(js_name = runChunk)]
    pub fn run_chunk(&mut self, first: usize, per: usize) -> Result<String, JsError> {
        let (job, exec) = self.prepared.ok_or_else(|| JsError::new("no job prepared: call prepare() first"))?;
        let (k, align) = (job.windows.count(), job.chunk_alignment());
        if per == 0 || per % align != 0 {
            return Err(JsError::new(&format!(
                "a chunk of the {} strategy must hold a multiple of {align} windows, got {per}",
                job.strategy.name()
            )));
        }
        if first >= k || first % per != 0 {
            return Err(JsError::new(&format!(
                "chunks of {per} windows start at multiples of {per} below the {k} windows, got {first}"
            )));
        }
        let (_, chunk) = job.chunks(per).nth(first / per).expect("first < k: the chunk exists");
        let chunk = Job { cost: Duration::ZERO, ..chunk };
        let (a, count) = (job.windows.start(first), chunk.windows.count());
        let len = self.len;
        let result = with_element_type!(self.dtype, T => {
            let x: &[T] = &bytemuck::cast_slice(&self.input)[..len];
            memwin::run(&x[a..][..chunk.windows.len()], &mut self.output[first..][..count], &chunk, exec, &self.control)
        });
        outcome(result)
    }

    /// Windows finished since the last [`Workspace::prepare`].
    pub fn done(&self) -> usize {
        self.control.done()
    }

    /// Asks a running job to stop (the page does the same by writing 1 at `cancelPtr`).
    pub fn cancel(&self) {
        self.control.cancel();
    }

    /// Byte offset of the output (f64 × windows) in wasm memory.
    #[wasm_bindgen(js_name = outputPtr)]
    pub fn output_ptr(&self) -> usize {
        self.output.as_ptr() as usize
    }

    /// A copy of the output (for tests and small outputs; the page reads it in place).
    #[wasm_bindgen(js_name = outputValues)]
    pub fn output_values(&self) -> Vec<f64> {
        self.output.clone()
    }

    /// Frees the input and the output.
    pub fn release(&mut self) {
        self.prepared = None;
        self.input = Vec::new();
        self.output = Vec::new();
        self.len = 0;
    }

    fn require_input(&self) -> Result<(), JsError> {
        if self.len == 0 {
            return Err(JsError::new("no input: call allocInput() first"));
        }
        Ok(())
    }
}

fn outcome(result: Result<Strategy, Error>) -> Result<String, JsError> {
    match result {
        Ok(_) => Ok("done".to_string()),
        Err(Error::Cancelled) => Ok("cancelled".to_string()),
        // The kernel refuses to sleep without atomics; say how this build simulates a cost instead.
        Err(Error::CannotSleep) => Err(JsError::new(
            "a simulated cost needs the threaded build; the single-thread build runs it with runChunk() and sleeps in JavaScript",
        )),
        Err(e) => Err(kernel(e)),
    }
}

fn out_of_memory(what: &str, bytes: u64) -> JsError {
    JsError::new(&format!(
        "out of memory: {what} needs {}, and wasm memory could not grow that far (it ends at 4 GiB, and the page \
         already holds other data); use a smaller input, or the native memwin CLI",
        human_bytes(bytes)
    ))
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Prepared {
    windows: usize,
    size: usize,
    step: usize,
    block: usize,
    /// The strategy that runs (`auto` resolved).
    strategy: &'static str,
    /// The strategy asked for (`auto`, or the same as `strategy`).
    requested: &'static str,
    /// The single build's chunks hold a multiple of this many windows ([`Job::chunk_alignment`]).
    chunk_alignment: usize,
    threads: usize,
    cost_ms: f64,
    output_ptr: usize,
    done_ptr: usize,
    cancel_ptr: usize,
}
