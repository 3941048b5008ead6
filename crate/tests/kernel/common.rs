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

/// Thread counts every strategy is checked on (1 is sequential; 3 leaves lanes unequal; 8 > the pool's 4
/// cores of work on this 2-core machine, so lanes queue).
pub const THREADS: [usize; 5] = [1, 2, 3, 4, 8];

/// Maps a number in [-1, 1) (or NaN) to a value of the type: floats keep it (times 1e3), ints spread it
/// over their range (NaN becomes 0 in an `as` cast: ints have no NaN).
pub trait FromUnit {
    fn from_unit(r: f64) -> Self;
}
impl FromUnit for f64 {
    fn from_unit(r: f64) -> f64 {
        r * 1e3
    }
}
impl FromUnit for f32 {
    fn from_unit(r: f64) -> f32 {
        (r * 1e3) as f32
    }
}
macro_rules! int_from_unit {
    ($($t:ty => $range:expr),*) => {$(
        impl FromUnit for $t {
            fn from_unit(r: f64) -> $t { (r * $range) as $t }
        }
    )*};
}
int_from_unit!(i64 => 9.0e15, i32 => 2.0e9, i16 => 32000.0, u16 => 65000.0, u8 => 255.0);

/// Values of a type from numbers in [-1, 1), plus the same values widened to f64 for the reference.
pub fn typed<T: memwin::Element + FromUnit>(raw: &[f64]) -> (Vec<T>, Vec<f64>) {
    let v: Vec<T> = raw.iter().map(|&r| T::from_unit(r)).collect();
    let f = v.iter().map(|t| t.to_f64()).collect();
    (v, f)
}

/// Python's `math.fsum`: Shewchuk's exact partials, then rounded once, correctly (CPython's msum). The
/// reference the accuracy tests measure against; it shares nothing with the kernel.
pub fn fsum(xs: impl IntoIterator<Item = f64>) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for mut x in xs {
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let Some(mut n) = partials.len().checked_sub(1) else { return 0.0 };
    let mut hi = partials[n];
    let mut lo = 0.0;
    while n > 0 {
        let x = hi;
        n -= 1;
        let y = partials[n];
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    // Round half to even across the remaining partials, as CPython does.
    if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

/// `a · b = p + e` exactly (`mul_add` is a correctly rounded FMA, in software if need be).
fn two_prod(a: f64, b: f64) -> [f64; 2] {
    let p = a * b;
    [p, a.mul_add(b, -p)]
}

/// The population variance of `x` (no NaN), to within a rounding: Σ(x − m)² summed exactly with [`fsum`]
/// for m = fsum(x)/n (each square split into exact terms), less n·(μ − m)² for the exact mean μ.
pub fn exact_var(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let m = fsum(x.iter().copied()) / n;
    let squares = fsum(x.iter().flat_map(|&v| {
        // v − m = d + dl exactly (Knuth's TwoSum); (d + dl)² = d² + 2·d·dl + dl², each product split exactly.
        let d = v - m;
        let bb = d - v;
        let dl = (v - (d - bb)) + (-m - bb);
        let [a, b] = two_prod(d, d);
        let [c, e] = two_prod(2.0 * d, dl);
        let [f, g] = two_prod(dl, dl);
        [a, b, c, e, f, g]
    }));
    let [nm, nm_err] = two_prod(n, m);
    let excess = fsum(x.iter().copied().chain([-nm, -nm_err])); // Σx − n·m, rounded once
    (squares - excess * excess / n) / n
}

/// The job run with the sliding strategy on `threads` threads.
pub fn sliding_values(x: &[f64], windows: memwin::Windows, stat: Stat, nan: NanPolicy, threads: usize) -> Vec<f64> {
    use memwin::{run, Control, Execution, Job, Strategy};
    let job = Job { stat, nan, strategy: Strategy::Sliding, ..Job::new(windows) };
    let mut out = vec![f64::NAN; windows.count()];
    let exec = Execution::with_threads(threads).unwrap();
    pool(threads).install(|| run(x, &mut out, &job, exec, &Control::new())).unwrap();
    out
}

/// Every sliding window against the naive reference under both NaN policies, and the same bits on each of
/// `threads` as on one thread (with few blocks, more threads than blocks cut blocks into pieces).
pub fn check_sliding(x: &[f64], size: usize, step: usize, stats: &[Stat], threads: &[usize]) {
    let windows = memwin::Windows::new(x.len(), size, step, memwin::WindowRule::AllFull).unwrap();
    for &stat in stats {
        for nan in [NanPolicy::Propagate, NanPolicy::Skip] {
            let one = sliding_values(x, windows, stat, nan, 1);
            for (i, &g) in one.iter().enumerate() {
                let win = &x[windows.range(i)];
                let want = naive(win, stat, nan);
                assert!(
                    close(g, want, scale(win, stat), 1e-12),
                    "{stat} {nan} w {size} s {step}, window {i}: got {g}, want {want}"
                );
            }
            for &t in threads {
                let got = sliding_values(x, windows, stat, nan, t);
                for (i, (g, o)) in got.iter().zip(&one).enumerate() {
                    assert_eq!(
                        g.to_bits(),
                        o.to_bits(),
                        "{stat} {nan} w {size} s {step}, window {i}: {t} threads vs 1"
                    );
                }
            }
        }
    }
}

/// 1e6 + noise·1e3: the offset signal the running sums must not lose digits on (any other grouping of the
/// additions would change the bits).
pub fn offset_signal(n: usize, seed: u64) -> Vec<f64> {
    data(n, seed, 0).iter().map(|v| 1e6 + v * 1e3).collect()
}
