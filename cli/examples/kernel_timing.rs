//! Times the kernel alone, in memory, the way the browser benchmark times it in wasm: seeded random float64
//! (the same data as `memwin gen --seed S` and the page), one job run `--repeat` times, the best time kept.
//! Prints one JSON object: `{"best_s": …, "strategy": …, "values": […]}`, or with `--digest` a digest of
//! the values' bits instead of the values (FNV-1a over their 32-bit words, as the page's `__memwin.digest`),
//! for outputs too large to print.
//!
//! `cargo run --release --example kernel_timing -- --size 5e5 --step 1e5 --stat std --threads 2`
//! (bench/wasm_vs_native.mjs runs it).

fn main() {
    use clap::Parser;
    use memwin::random::fill_random;
    use memwin::{run, Control, Execution, JobSpec, Named, Stat, Strategy};
    use memwin_cli::{numbers, runner};
    use std::time::Instant;

    #[derive(Parser)]
    struct Args {
        #[arg(long, default_value = "1e7", value_parser = numbers::positive)]
        len: usize,
        #[arg(long, value_parser = numbers::positive)]
        size: usize,
        #[arg(long, value_parser = numbers::positive)]
        step: usize,
        #[arg(long, default_value = "mean", value_enum)]
        stat: Stat,
        #[arg(long, default_value = "auto", value_enum)]
        strategy: Strategy,
        #[arg(long, default_value = "1", value_parser = numbers::positive)]
        threads: usize,
        #[arg(long, default_value = "15", value_parser = numbers::positive)]
        repeat: usize,
        #[arg(long, default_value = "0", value_parser = numbers::seed)]
        seed: u64,
        /// Print a digest of the values' bits instead of the values.
        #[arg(long)]
        digest: bool,
    }

    let a = Args::parse();
    let mut x = vec![0.0f64; a.len];
    fill_random(a.seed, &mut x, Execution::Sequential);
    let spec = JobSpec {
        step: Some(a.step),
        stat: a.stat,
        strategy: a.strategy,
        threads: Some(a.threads),
        ..JobSpec::new(a.size)
    };
    let (job, exec) = spec.plan(x.len()).unwrap_or_else(|e| {
        eprintln!("kernel_timing: {e}");
        std::process::exit(2)
    });
    let pool = runner::pool(a.threads).expect("a thread pool");
    let mut out = vec![0.0; job.windows.count()];
    let mut best = f64::INFINITY;
    let mut strategy = a.strategy;
    for _ in 0..a.repeat {
        let ctl = Control::new();
        let t0 = Instant::now();
        strategy = pool.install(|| run(&x, &mut out, &job, exec, &ctl)).expect("a valid job");
        best = best.min(t0.elapsed().as_secs_f64());
    }
    let report = if a.digest {
        serde_json::json!({ "best_s": best, "strategy": strategy.name(), "windows": out.len(), "digest": digest(&out) })
    } else {
        serde_json::json!({ "best_s": best, "strategy": strategy.name(), "values": out })
    };
    println!("{report}");
}

/// FNV-1a over the 32-bit words of the values' bits, low word first (a little-endian Uint32Array's order).
fn digest(values: &[f64]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for v in values {
        let bits = v.to_bits();
        for word in [bits as u32, (bits >> 32) as u32] {
            h = (h ^ word).wrapping_mul(16_777_619);
        }
    }
    format!("{h:08x}")
}
