//! `memwin compute`: one statistic over the windows of a mapped .npy file, printed or written to a float64
//! .npy that workers fill in place.

use super::failure::{Failure, Outcome};
use super::mapped::Mapped;
use super::output::{self, OutputFile};
use super::report::{emit, emit_json, seconds};
use super::runner::{self, Runner};
use super::stream::{Format, ValueSink};
use super::{input, numbers, progress};
use memwin::chunks::MIN_WINDOWS;
use memwin::with_element_type;
use memwin::Named;
use memwin::{Access, Control, Dtype, Execution, Job, JobSpec, NanPolicy, Stat, Strategy, WindowRule};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    #[arg(long, allow_negative_numbers = true, value_name = "N", value_parser = numbers::threads)]
    pub threads: Option<usize>,
    /// auto (the cheapest by a cost model), per-window (reads each window), blocked (reads each element
    /// once, merges partials) or sliding (a running prefix and suffix per block of w: O(n + k), any step).
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
    input::check(&args.input)?;
    let input = Mapped::open(&args.input)?;
    if input.is_empty() {
        // The kernel's own words ("the input is empty") would not say which file.
        return Err(Failure::Usage(format!(
            "'{}' holds no values (shape (0,)): there is no window to compute",
            args.input.display()
        )));
    }
    let (job, exec) = spec(args).plan(input.len())?;
    if let Some(path) = &args.output {
        output::check(path, args.force, Some(&args.input))?;
    }
    let threads = exec.threads();
    let pool = match exec {
        Execution::Parallel { .. } => Some(runner::pool(threads)?),
        Execution::Sequential => None,
    };
    if let Some(note) = input.note() {
        eprintln!("{note}");
    }

    let runner = Runner { exec, pool: pool.as_ref(), ctl, show_progress: progress::wanted(args.json) };
    let report = json!({
        "input": args.input.display().to_string(),
        "dtype": input.dtype().name(),
        "len": input.len(),
        "windows": job.windows.count(),
        "size": job.windows.size(),
        "step": job.windows.step(),
        "rule": if args.seed_windows { "seed-compatible" } else { "all-full" },
        "stat": job.stat.name(),
        "nan": job.nan.name(),
        // `plan` resolved `auto`: this is the strategy that runs.
        "strategy": job.strategy.name(),
        "access": job.access.name(),
        "threads": threads,
        "cost_ms": args.cost_ms,
    });
    match &args.output {
        Some(path) => to_file(args, path, &input, &job, &runner, report),
        None => to_stdout(args, &input, &job, &runner, report),
    }
}

/// The job as the kernel's shells all describe it; `JobSpec::plan` validates it.
fn spec(args: &ComputeArgs) -> JobSpec {
    JobSpec {
        step: args.step,
        stat: args.stat,
        nan: args.nan,
        rule: if args.seed_windows { WindowRule::SeedCompatible } else { WindowRule::AllFull },
        threads: args.threads,
        strategy: args.strategy,
        access: args.access,
        cost_ms: args.cost_ms,
        ..JobSpec::new(args.size)
    }
}

/// Workers write straight into the output file's map.
fn to_file(args: &ComputeArgs, path: &Path, input: &Mapped, job: &Job, runner: &Runner, mut report: Value) -> Outcome {
    let k = job.windows.count();
    let mut file = OutputFile::create(path, Dtype::F64, k, args.force)?;
    let out = file.values_mut::<f64>().expect("created as float64");
    let ran = with_element_type!(input.dtype(), T => {
        runner.run(args.stat.name(), input.slice::<T>().expect("the dtype matches the header"), out, job)
    })?;
    let path = file.finish()?;
    let elapsed_s = ran.elapsed.as_secs_f64();
    if args.json {
        report["output"] = json!(path.display().to_string());
        report["elapsed_s"] = json!(elapsed_s);
        return emit_json(&report);
    }
    emit(&format!(
        "wrote {}: {k} window {}s (float64), {} strategy, {} thread(s), in {}\n",
        path.display(),
        args.stat.name(),
        ran.strategy.name(),
        runner.exec.threads(),
        seconds(elapsed_s)
    ))
}

/// Values go to stdout chunk by chunk, so memory holds one chunk of values, whatever k.
fn to_stdout(args: &ComputeArgs, input: &Mapped, job: &Job, runner: &Runner, report: Value) -> Outcome {
    let format = if args.json { Format::Json } else { Format::Lines };
    let k = job.windows.count();
    let per_chunk = job.windows_per_chunk(MIN_WINDOWS);
    let mut values = Vec::new();
    values.try_reserve_exact(per_chunk).map_err(|_| {
        Failure::Other(format!("cannot allocate {} bytes for {per_chunk} values", per_chunk.saturating_mul(8)))
    })?;
    values.resize(per_chunk, 0.0);
    runner.with_progress(args.stat.name(), k, || -> Outcome {
        let mut sink = ValueSink::start(format, &report)?;
        let mut elapsed = Duration::ZERO;
        for (first, sub) in job.chunks(per_chunk) {
            let start = Instant::now();
            let out = &mut values[..sub.windows.count()];
            with_element_type!(input.dtype(), T => {
                let x = input.slice::<T>().expect("the dtype matches the header");
                runner.kernel(&x[job.windows.start(first)..][..sub.windows.len()], out, &sub)
            })?;
            elapsed += start.elapsed();
            sink.values(out)?;
            if sink.is_closed() {
                // The reader has gone (`| head`): stop quietly, as if done.
                return Ok(());
            }
        }
        sink.finish(&json!({ "elapsed_s": elapsed.as_secs_f64() }))
    })
}
