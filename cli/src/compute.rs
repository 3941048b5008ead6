//! `memwin compute`: one statistic over the windows of a mapped .npy file, printed or written to a float64
//! .npy that workers fill in place.

use super::failure::{Failure, Outcome};
use super::mapped::Mapped;
use super::output::{self, OutputFile};
use super::report::{emit, emit_json, seconds};
use super::runner::{self, Runner};
use super::{numbers, progress};
use memwin::with_element_type;
use memwin::{Access, Control, Dtype, Execution, Job, NanPolicy, Stat, Strategy, WindowRule, Windows};
use serde_json::json;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

/// Computes a statistic over the windows of a .npy file.
#[derive(Debug, Clone, clap::Args)]
pub struct ComputeArgs {
    /// The input: a 1-D little-endian .npy of float64, float32, int64, int32, int16, uint16 or uint8.
    #[arg(value_name = "IN.npy")]
    pub input: PathBuf,
    /// Window size, in elements.
    #[arg(long, allow_negative_numbers = true, value_name = "W", value_parser = numbers::count)]
    pub size: usize,
    /// Window step [default: the window size, i.e. windows side by side]. Smaller overlaps, larger leaves gaps.
    #[arg(long, allow_negative_numbers = true, value_name = "S", value_parser = numbers::count)]
    pub step: Option<usize>,
    /// mean, sum, min, max, var or std (var and std with ddof 0, as numpy).
    #[arg(long, value_name = "STAT", default_value = "mean", value_enum)]
    pub stat: Stat,
    /// propagate (numpy's mean: a NaN makes the window NaN) or skip (numpy's nanmean).
    #[arg(long, value_name = "POLICY", default_value = "propagate", value_enum)]
    pub nan: NanPolicy,
    /// Use the joblib example's windows, range(0, n - w, s), which leave out a last window starting at n - w.
    /// Without it: every full window, as numpy's `sliding_window_view(x, w)[::s]`.
    #[arg(long)]
    pub seed_windows: bool,
    /// Worker threads [default: the available parallelism]; 1 runs on the main thread.
    #[arg(long, allow_negative_numbers = true, value_name = "N", value_parser = numbers::positive)]
    pub threads: Option<usize>,
    /// auto, per-window (reads each window) or blocked (reads each element once, merges partials).
    #[arg(long, value_name = "STRATEGY", default_value = "auto", value_enum)]
    pub strategy: Strategy,
    /// shared (zero-copy views of the map) or copy (each task copies its data first, as joblib pickles).
    #[arg(long, value_name = "ACCESS", default_value = "shared", value_enum)]
    pub access: Access,
    /// Simulated work per window, in milliseconds.
    #[arg(long, allow_negative_numbers = true, value_name = "MS", default_value = "0", value_parser = numbers::millis)]
    pub cost_ms: f64,
    /// Write the values to this float64 .npy (shape (windows,)) instead of printing them.
    #[arg(short, long, value_name = "OUT.npy")]
    pub output: Option<PathBuf>,
    /// Replace OUT.npy if it exists.
    #[arg(long)]
    pub force: bool,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ComputeArgs, ctl: &Control) -> Outcome {
    // All validation first: nothing is created, and no thread started, for bad input.
    let input = Mapped::open(&args.input)?;
    let rule = if args.seed_windows { WindowRule::SeedCompatible } else { WindowRule::AllFull };
    let step = args.step.unwrap_or(args.size);
    let windows = Windows::new(input.len(), args.size, step, rule)?;
    if let Some(path) = &args.output {
        output::check(path, args.force, Some(&args.input))?;
    }
    let threads = args.threads.unwrap_or_else(runner::default_threads);
    let exec = Execution::with_threads(threads)?;
    let pool = match exec {
        Execution::Parallel { .. } => Some(runner::pool(threads)?),
        Execution::Sequential => None,
    };
    let mut job = Job::new(windows);
    job.stat = args.stat;
    job.nan = args.nan;
    job.strategy = args.strategy;
    job.access = args.access;
    job.cost = Duration::from_secs_f64(args.cost_ms / 1e3);
    if let Some(note) = input.note() {
        eprintln!("{note}");
    }

    let runner = Runner { exec, pool: pool.as_ref(), ctl, show_progress: progress::wanted(args.json) };
    let label = args.stat.name();
    let k = windows.count();
    let compute = |out: &mut [f64]| {
        with_element_type!(input.dtype(), T => {
            let x = input.slice::<T>().expect("the dtype matches the header");
            runner.run(label, x, out, &job)
        })
    };
    let (ran, values, written) = match &args.output {
        Some(path) => {
            let mut file = OutputFile::create(path, Dtype::F64, k, args.force)?;
            let ran = compute(file.values_mut::<f64>().expect("created as float64"))?;
            (ran, None, Some(file.finish()?))
        }
        None => {
            let mut values = vec![0.0; k];
            (compute(&mut values)?, Some(values), None)
        }
    };
    let elapsed_s = ran.elapsed.as_secs_f64();

    if args.json {
        let mut report = json!({
            "input": args.input.display().to_string(),
            "dtype": input.dtype().name(),
            "len": input.len(),
            "windows": k,
            "size": args.size,
            "step": step,
            "rule": if args.seed_windows { "seed-compatible" } else { "all-full" },
            "stat": args.stat.name(),
            "nan": args.nan.name(),
            "strategy": ran.strategy.name(),
            "access": args.access.name(),
            "threads": threads,
            "cost_ms": args.cost_ms,
            "elapsed_s": elapsed_s,
        });
        match (&values, &written) {
            (Some(v), _) => report["values"] = json!(v),
            (_, Some(p)) => report["output"] = json!(p.display().to_string()),
            _ => {}
        }
        return emit_json(&report);
    }
    match (values, written) {
        (Some(values), _) => {
            // Debug formatting is the shortest text that reads back to the same f64 (NaN, inf included).
            let mut text = String::with_capacity(values.len() * 20);
            for v in values {
                let _ = writeln!(text, "{v:?}");
            }
            emit(&text)
        }
        (_, Some(path)) => emit(&format!(
            "wrote {}: {k} window {}s (float64), {} strategy, {threads} thread(s), in {}\n",
            path.display(),
            args.stat.name(),
            ran.strategy.name(),
            seconds(elapsed_s)
        )),
        _ => Err(Failure::Other("no values and no output".into())),
    }
}
