//! Helpers shared by the kernel tests: a naive reference and a tolerance.
#![allow(dead_code)]

use memwin::{NanPolicy, Stat};

/// The statistic over one window, the plain way: a left-to-right loop, a two-pass variance. Independent of
/// the kernel's pairwise sums, partials and merges.
pub fn naive(x: &[f64], stat: Stat, nan: NanPolicy) -> f64 {
    let has_nan = x.iter().any(|v| v.is_nan());
    if has_nan && nan == NanPolicy::Propagate {
        return f64::NAN;
    }
    let v: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    if v.is_empty() {
        return if stat == Stat::Sum { 0.0 } else { f64::NAN };
    }
    let n = v.len() as f64;
    let sum: f64 = v.iter().sum();
    let mean = sum / n;
    let var = v.iter().map(|a| (a - mean) * (a - mean)).sum::<f64>() / n;
    match stat {
        Stat::Mean => mean,
        Stat::Sum => sum,
        Stat::Min => v.iter().copied().fold(f64::INFINITY, f64::min),
        Stat::Max => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Stat::Var => var,
        Stat::Std => var.sqrt(),
    }
}

/// The scale a window's rounding error is measured against: its largest magnitude, squared for var.
pub fn scale(x: &[f64], stat: Stat) -> f64 {
    let m = x.iter().filter(|v| !v.is_nan()).fold(0.0f64, |a, v| a.max(v.abs()));
    match stat {
        Stat::Sum => m * x.len() as f64,
        Stat::Var => m * m,
        _ => m,
    }
}

/// Equal within `rel` of the window's scale, or both NaN.
pub fn close(a: f64, b: f64, scale: f64, rel: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= rel * scale.max(f64::MIN_POSITIVE)
}

/// Numbers in [-1, 1) with NaNs every `nan_every` elements (0: none), from a tiny LCG so the test owns it.
pub fn data(n: usize, seed: u64, nan_every: usize) -> Vec<f64> {
    let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|i| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            if nan_every > 0 && i % nan_every == nan_every - 1 {
                f64::NAN
            } else {
                ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
            }
        })
        .collect()
}

pub fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
}
