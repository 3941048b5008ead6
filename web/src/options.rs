//! A job as the page describes it: the CLI's options, as one JavaScript object. The kernel validates them
//! ([`JobSpec::plan`]); this file only turns JavaScript numbers into counts and checks the pool's size.

use memwin::{Access, Error, Execution, Job, JobSpec, NanPolicy, Stat, Strategy, WindowRule};
use wasm_bindgen::JsError;

/// `{ size, step, stat?, nan?, seedCompatible?, threads?, strategy?, access?, costMs? }`. Names and values
/// are the CLI's: stat `mean|sum|min|max|var|std`, nan `propagate|skip`, strategy
/// `auto|per-window|blocked|sliding`, access `shared|copy`. Numbers are JavaScript numbers, checked here.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobOptions {
    pub size: f64,
    pub step: f64,
    #[serde(default)]
    pub stat: Stat,
    #[serde(default)]
    pub nan: NanPolicy,
    #[serde(default)]
    pub seed_compatible: bool,
    #[serde(default = "one")]
    pub threads: f64,
    #[serde(default)]
    pub strategy: Strategy,
    #[serde(default)]
    pub access: Access,
    #[serde(default)]
    pub cost_ms: f64,
}

fn one() -> f64 {
    1.0
}

impl JobOptions {
    /// Reads the options object; unknown keys and unknown values are errors that name them.
    pub fn from_js(value: wasm_bindgen::JsValue) -> Result<JobOptions, JsError> {
        serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("bad job options: {e}")))
    }

    /// The kernel's job over an input of `len` elements, and where it runs (`Auto` resolved). `pool` is the
    /// size of the started thread pool (0 when there is none): more lanes than that is refused, since rayon
    /// cannot start threads of its own in wasm.
    pub fn to_job(&self, len: usize, pool: usize) -> Result<(Job, Execution), JsError> {
        let spec = JobSpec {
            size: whole("window size", self.size, 0)?,
            step: Some(whole("window step", self.step, 0)?),
            stat: self.stat,
            nan: self.nan,
            rule: if self.seed_compatible { WindowRule::SeedCompatible } else { WindowRule::AllFull },
            threads: Some(whole("thread count", self.threads, 0)?),
            strategy: self.strategy,
            access: self.access,
            cost_ms: self.cost_ms,
        };
        // The single-thread build cannot sleep in wasm: a whole `run` refuses a cost there, but its driver
        // runs the job with `Workspace::run_chunk`, without the cost, and sleeps it in JavaScript.
        let (job, exec) = spec.plan(len).map_err(kernel)?;
        let threads = exec.threads();
        if threads > 1 && threads > pool {
            return Err(JsError::new(&if pool == 0 {
                format!(
                    "{threads} threads asked for, but this is the single-thread build (no SharedArrayBuffer): use 1"
                )
            } else {
                format!("{threads} threads asked for, but the thread pool has {pool}")
            }));
        }
        Ok((job, exec))
    }
}

/// A JavaScript number that must be a whole count ≥ `min` and fit a wasm32 `usize`, named in the message.
fn whole(name: &str, v: f64, min: usize) -> Result<usize, JsError> {
    if !v.is_finite() || v.fract() != 0.0 || v < min as f64 {
        return Err(JsError::new(&format!("{name} must be a whole number >= {min}, got {v}")));
    }
    if v > u32::MAX as f64 {
        return Err(JsError::new(&format!("{name} {v} is too large for the browser (the maximum is {})", u32::MAX)));
    }
    Ok(v as usize)
}

/// A kernel error as a JavaScript exception, with the kernel's message.
pub fn kernel(e: Error) -> JsError {
    JsError::new(&e.to_string())
}
