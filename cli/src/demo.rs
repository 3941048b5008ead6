//! `memwin demo`: joblib's "NumPy memmap in joblib.Parallel" example, step for step, in a temp folder that
//! is removed afterwards (also on error and Ctrl-C, since it is a `TempDir` dropped on every path out).
//!
//! 1. Random data is dumped to `data.npy` and mapped back read-only.
//! 2. Means of the seed's windows, `range(0, n - w, s)`, each with a simulated cost.
//! 3. Sequential, parallel over per-task copies (joblib's pickling), parallel over the shared map.
//! 4. Workers write into a writable output map; it is read back from disk and compared with step 3.

use super::failure::{Failure, Outcome};
use super::mapped::Mapped;
use super::output::OutputFile;
use super::report::{self, emit, emit_json, megabytes, seconds};
use super::runner::{self, Runner};
use super::{interrupt, json_float, numbers, progress};
use memwin::random::fill_random;
use memwin::Named;
use memwin::{Access, Control, Dtype, Execution, Job, JobSpec, Strategy, WindowRule};
use serde_json::json;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Reproduces joblib's memmap example (what `memwin` alone runs).
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Number of random float64 values (`1e7`, `10_000_000` and `10000000` are the same).
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value = "1e7", value_parser = numbers::count)]
    pub len: usize,
    /// Window size.
    #[arg(long, allow_negative_numbers = true, value_name = "W", default_value = "5e5", value_parser = numbers::count)]
    pub size: usize,
    /// Window step; windows start at range(0, len - size, step), as in the example.
    #[arg(long, allow_negative_numbers = true, value_name = "S", default_value = "1e5", value_parser = numbers::count)]
    pub step: usize,
    /// Worker threads [default: the available parallelism].
    #[arg(long, allow_negative_numbers = true, value_name = "N", value_parser = numbers::threads)]
    pub threads: Option<usize>,
    /// Simulated work per window in the three timed runs, in milliseconds.
    #[arg(long, allow_negative_numbers = true, value_name = "MS", default_value = "10", value_parser = numbers::millis)]
    pub cost_ms: f64,
    /// Simulated work per window when writing into the output map, in milliseconds.
    #[arg(long, allow_negative_numbers = true, value_name = "MS", default_value = "5", value_parser = numbers::millis)]
    pub write_cost_ms: f64,
    /// Seed of the random data.
    #[arg(long, allow_negative_numbers = true, value_name = "SEED", default_value = "0", value_parser = numbers::seed)]
    pub seed: u64,
    /// Print one JSON object on stdout instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// The three timed runs, in the example's order.
const PHASES: [&str; 3] = ["sequential", "parallel_copy", "parallel_shared"];

pub fn run(args: &DemoArgs, ctl: &Control) -> Outcome {
    // Everything the user chose is checked before the temp folder or the data exist, by the kernel's one
    // validation: the example's windows and one task per window, each with its simulated cost.
    let spec = JobSpec {
        step: Some(args.step),
        rule: WindowRule::SeedCompatible,
        threads: args.threads,
        strategy: Strategy::PerWindow,
        cost_ms: args.cost_ms,
        ..JobSpec::new(args.size)
    };
    let (job, parallel) = spec.plan(args.len)?;
    let (write_job, _) = JobSpec { cost_ms: args.write_cost_ms, ..spec }.plan(args.len)?;
    let threads = parallel.threads();
    let cost = job.cost;
    let write_cost = write_job.cost;
    let k = job.windows.count();
    let pool = runner::pool(threads)?;
    let show = progress::wanted(args.json);
    let dir = tempfile::Builder::new()
        .prefix("memwin-demo-")
        .tempdir()
        .map_err(|e| Failure::Other(format!("cannot create a temp folder: {e}")))?;

    // 1. The data, dumped and mapped back, as the example's `dump(data, filename); load(filename, mmap_mode='r')`.
    let start = Instant::now();
    let mut data = Vec::new();
    data.try_reserve_exact(args.len).map_err(|_| {
        Failure::Other(format!("cannot allocate {} for --len {}", megabytes(args.len as u64 * 8), args.len))
    })?;
    data.resize(args.len, 0.0f64);
    pool.install(|| fill_random(args.seed, &mut data, parallel));
    let generate_s = start.elapsed().as_secs_f64();
    interrupt::check()?;

    let data_path = dir.path().join("data.npy");
    let start = Instant::now();
    dump(&data_path, &data)?;
    let dump_s = start.elapsed().as_secs_f64();
    interrupt::check()?;
    let mapped = Mapped::open(&data_path)?;
    let shared = mapped.slice::<f64>().expect("data.npy holds float64");

    // 2-3. The three timed runs: the example's one task per window, each sleeping `cost`.
    let on_pool = Runner { exec: parallel, pool: Some(&pool), ctl, show_progress: show };
    let in_order = Runner { exec: Execution::Sequential, pool: None, ctl, show_progress: show };
    let mut expected = vec![0.0; k];
    let mut copied = vec![0.0; k];
    let mut from_map = vec![0.0; k];
    let sequential = in_order.run(PHASES[0], &data, &mut expected, &Job { access: Access::Shared, ..job })?;
    let parallel_copy = on_pool.run(PHASES[1], &data, &mut copied, &Job { access: Access::Copy, ..job })?;
    let parallel_shared = on_pool.run(PHASES[2], shared, &mut from_map, &Job { access: Access::Shared, ..job })?;
    let timings = [sequential.elapsed, parallel_copy.elapsed, parallel_shared.elapsed].map(|d| d.as_secs_f64());
    let runs_agree = same_bits(&expected, &copied) && same_bits(&expected, &from_map);
    // The real work in each task, which the ideal (simulated cost only) leaves out: it is why the runs
    // land a few percent above their ideal.
    let mut scratch = vec![0.0; k];
    let no_cost = Job { cost: Duration::ZERO, ..job };
    let work_s = in_order.run("work", &data, &mut scratch, &no_cost)?.elapsed.as_secs_f64();

    // 4. Workers write straight into a writable map of output.npy, which is then read back from disk.
    // Timed as the other runs (the workers' part only); creating and finishing the file is reported apart.
    let out_path = dir.path().join("output.npy");
    let start = Instant::now();
    let mut out = OutputFile::create(&out_path, Dtype::F64, k, false)?;
    let values = out.values_mut::<f64>().expect("output.npy holds float64");
    let write_s = on_pool.run("write", shared, values, &write_job)?.elapsed.as_secs_f64();
    let out_path = out.finish()?;
    let write_total_s = start.elapsed().as_secs_f64();
    let written = Mapped::open(&out_path)?;
    let actual = written.slice::<f64>().expect("output.npy holds float64");
    let max_abs_diff = max_abs_diff(&expected, actual);
    let bit_identical = same_bits(&expected, actual);
    let file_bytes = mapped.file_len();
    drop((written, mapped));
    dir.close().map_err(|e| Failure::Other(format!("cannot remove the demo's temp folder: {e}")))?;

    let cost_s = cost.as_secs_f64();
    let sequential_ideal_s = k as f64 * cost_s;
    let ideal_s = ideal_seconds(k, threads, cost_s);
    let ideals = [sequential_ideal_s, ideal_s, ideal_s];
    let efficiency: Vec<f64> = timings.iter().zip(ideals).map(|(&t, ideal)| ratio(ideal, t)).collect();
    let write_ideal_s = ideal_seconds(k, threads, write_cost.as_secs_f64());

    if args.json {
        let by_phase = |v: &[f64]| json!({ PHASES[0]: v[0], PHASES[1]: v[1], PHASES[2]: v[2] });
        return emit_json(&json!({
            "windows": k,
            "len": args.len,
            "size": args.size,
            "step": args.step,
            "threads": threads,
            "cost_ms": args.cost_ms,
            "write_cost_ms": args.write_cost_ms,
            "seed": args.seed,
            "rule": "seed-compatible",
            "stat": "mean",
            "strategy": Strategy::PerWindow.name(),
            "generate_s": generate_s,
            "dump_s": dump_s,
            "timings_s": by_phase(&timings),
            "ideal_s": ideal_s,
            "sequential_ideal_s": sequential_ideal_s,
            "efficiency": by_phase(&efficiency),
            "write_s": write_s,
            "write_total_s": write_total_s,
            "write_ideal_s": write_ideal_s,
            "runs_agree": runs_agree,
            "work_s": work_s,
            // Infinite when one run has NaN where the other has not.
            "max_abs_diff": json_float::value(max_abs_diff),
            "bit_identical": bit_identical,
        }));
    }

    let mut rows = vec![vec!["phase".into(), "time".into(), "ideal".into(), "efficiency".into()]];
    for (i, phase) in PHASES.iter().enumerate() {
        rows.push(vec![phase.to_string(), seconds(timings[i]), seconds(ideals[i]), percent(efficiency[i])]);
    }
    rows.push(vec![
        "write_output".into(),
        seconds(write_s),
        seconds(write_ideal_s),
        percent(ratio(write_ideal_s, write_s)),
    ]);
    let verdict = if bit_identical { "bit-identical" } else { "NOT bit-identical" };
    emit(&format!(
        "memwin demo: joblib's \"NumPy memmap in joblib.Parallel\"\n\
         data:     {len} random float64 (seed {seed}), generated in {gen}, dumped to data.npy ({mb}) in {dump}, mapped read-only\n\
         windows:  {k} means of {size} values every {step}, range(0, n - w, s), {cost} ms of simulated work each\n\
         threads:  {threads} (ideal = ceil({k}/{threads}) x {cost} ms = {ideal})\n\n{table}\n\
         the means themselves (no simulated cost) take {work} sequentially, {per_window:.2} ms a window: \
         the real work the ideal leaves out\n\
         expected vs actual: {k} means read back from output.npy are {verdict} with the sequential ones \
         (max abs diff {diff}); parallel runs agree: {agree}\n",
        len = args.len,
        seed = args.seed,
        gen = seconds(generate_s),
        mb = megabytes(file_bytes),
        dump = seconds(dump_s),
        size = args.size,
        step = args.step,
        cost = args.cost_ms,
        ideal = seconds(ideal_s),
        table = report::table(&rows),
        work = seconds(work_s),
        per_window = work_s * 1e3 / k as f64,
        diff = if max_abs_diff == 0.0 { "0".to_string() } else { format!("{max_abs_diff:e}") },
        agree = if runs_agree { "yes" } else { "NO" },
    ))
}

/// Writes `data` as a float64 .npy, the way `joblib.dump` or `np.save` would, in 8 MiB pieces so that a
/// signal stops it between two.
fn dump(path: &Path, data: &[f64]) -> Outcome {
    let io = |e| Failure::io("cannot write", path, e);
    let mut file = File::create(path).map_err(io)?;
    file.write_all(&memwin::npy::write_header(Dtype::F64, data.len())).map_err(io)?;
    for piece in data.chunks(1 << 20) {
        interrupt::check()?;
        file.write_all(bytemuck::cast_slice(piece)).map_err(io)?;
    }
    file.flush().map_err(io)
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// The largest |a − b|, where two NaNs agree and one NaN differs infinitely.
fn max_abs_diff(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| match (x.is_nan(), y.is_nan()) {
            (true, true) => 0.0,
            (false, false) => (x - y).abs(),
            _ => f64::INFINITY,
        })
        .fold(0.0, f64::max)
}

fn ratio(ideal: f64, measured: f64) -> f64 {
    if measured > 0.0 {
        ideal / measured
    } else {
        0.0
    }
}

fn percent(r: f64) -> String {
    format!("{:.1} %", r * 100.0)
}

/// The seed experiment's lower bound: k equal tasks of `cost_s` seconds on `threads` threads take at least
/// ⌈k/threads⌉ rounds.
pub fn ideal_seconds(tasks: usize, threads: usize, cost_s: f64) -> f64 {
    tasks.div_ceil(threads.max(1)) as f64 * cost_s
}
