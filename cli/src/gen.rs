//! `memwin gen`: seeded random arrays of any supported dtype, written as `.npy` through a writable map
//! (generated in place, never held twice in memory), under the final name only when complete.

use super::failure::{Failure, Outcome};
use super::output::{self, OutputFile};
use super::report::{emit, emit_json, megabytes, seconds};
use super::{interrupt, numbers};
use memwin::random::{self, Random};
use memwin::with_element_type;
use memwin::{Dtype, Execution};
use serde_json::json;
use std::path::PathBuf;
use std::time::Instant;

/// Writes a random array to a .npy file.
#[derive(Debug, Clone, clap::Args)]
pub struct GenArgs {
    /// The .npy file to write.
    #[arg(value_name = "OUT.npy")]
    pub output: PathBuf,
    /// Number of elements (at least 1: memwin computes nothing over an empty array).
    #[arg(long, allow_negative_numbers = true, value_name = "N", value_parser = numbers::positive)]
    pub len: usize,
    /// Seed; the same seed gives the same array whatever the thread count.
    #[arg(long, allow_negative_numbers = true, value_name = "SEED", default_value = "0", value_parser = numbers::seed)]
    pub seed: u64,
    /// Element type: f64, f32, i64, i32, i16, u16, u8 (or numpy's names: float64, …). Floats are uniform in
    /// [0, 1); integers over their whole range (int64 over ±2^53).
    #[arg(long, value_name = "DTYPE", default_value = "f64", value_enum)]
    pub dtype: Dtype,
    /// Make every M-th element NaN (x[M-1::M]), to try `compute --nan skip`. Float dtypes only.
    #[arg(long, allow_negative_numbers = true, value_name = "M", value_parser = numbers::positive)]
    pub nan_every: Option<usize>,
    /// Replace OUT.npy if it exists.
    #[arg(long)]
    pub force: bool,
    /// Print one JSON object on stdout instead of the summary line.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &GenArgs) -> Outcome {
    if let Some(m) = args.nan_every {
        if !matches!(args.dtype, Dtype::F64 | Dtype::F32) {
            return Err(Failure::Usage(format!(
                "--nan-every {m} needs a float dtype, but --dtype is {}",
                args.dtype.short()
            )));
        }
    }
    output::check(&args.output, args.force, None)?;

    let start = Instant::now();
    let mut out = OutputFile::create(&args.output, args.dtype, args.len, args.force)?;
    with_element_type!(args.dtype, T => fill::<T>(&mut out, args))?;
    let path = out.finish()?;
    let elapsed_s = start.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path).map_err(|e| Failure::io("cannot read", &path, e))?.len();

    if args.json {
        return emit_json(&json!({
            "output": path.display().to_string(),
            "dtype": args.dtype.name(),
            "len": args.len,
            "seed": args.seed,
            "nan_every": args.nan_every,
            "bytes": bytes,
            "elapsed_s": elapsed_s,
        }));
    }
    let nans = args.nan_every.map(|m| format!(", every {m}th NaN")).unwrap_or_default();
    emit(&format!(
        "wrote {}: {} {} (seed {}{nans}), {} in {}\n",
        path.display(),
        args.len,
        args.dtype.name(),
        args.seed,
        megabytes(bytes),
        seconds(elapsed_s)
    ))
}

/// Generates in parts of 2^22 elements (a whole number of the generator's chunks, so the values are those of
/// one call), stopping between parts once a signal came.
fn fill<T: Random>(out: &mut OutputFile, args: &GenArgs) -> Outcome {
    const PART: usize = 64 * random::CHUNK;
    let values = out.values_mut::<T>().expect("the file was created with this dtype");
    // rayon's global pool: generation is not part of any timed experiment.
    let exec = Execution::Parallel { threads: rayon::current_num_threads() };
    for (i, part) in values.chunks_mut(PART).enumerate() {
        interrupt::check()?;
        random::fill_random_part::<T>(args.seed, i * (PART / random::CHUNK), part, exec);
    }
    if let Some(m) = args.nan_every {
        match args.dtype {
            Dtype::F64 => every_mth(out.values_mut::<f64>().expect("f64"), m, f64::NAN),
            Dtype::F32 => every_mth(out.values_mut::<f32>().expect("f32"), m, f32::NAN),
            _ => unreachable!("--nan-every was checked to go with a float dtype"),
        }
    }
    Ok(())
}

fn every_mth<T: Copy>(values: &mut [T], m: usize, v: T) {
    for x in values.iter_mut().skip(m - 1).step_by(m) {
        *x = v;
    }
}
