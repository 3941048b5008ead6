//! The lockstep chains on the CPU's vectors give the portable chains' bits.

use super::lockstep::{slide_block, slide_block_portable, Block, Buffers, Slide, Slider};
use super::moments::Moments;
use super::sums::Sums;
use crate::exec::control::Control;
use crate::stat::kind::{NanPolicy, Stat};

/// Every window of a block by `slider`, with the windows left to the scans marked NaN.
fn block_values<R: Slide>(x: &[f64], w: usize, stat: Stat, slider: Slider<f64, R>) -> Vec<f64> {
    let ctl = Control::new();
    let mut bufs = Buffers::new().unwrap();
    let (blocks, k) = (x.len() / w - 1, x.len() - w + 1);
    let mut out = vec![f64::NAN; k];
    for j in 0..blocks {
        let (base, block) = (j * w, j * w..(j + 1) * w);
        let b = Block {
            w,
            s: 1,
            base,
            block: block.clone(),
            windows: block,
            shift: 0.0,
            stat,
            nan: NanPolicy::Skip,
            ctl: &ctl,
        };
        let mut emit = |i: usize, values: &[f64], stride: usize| {
            for (q, &v) in values.iter().step_by(stride).enumerate() {
                out[i + q] = v;
            }
        };
        slider(&x[base..base + 2 * w], &b, &mut bufs, &mut emit);
    }
    out
}

#[test]
fn the_cpus_vector_and_the_portable_one_give_the_same_bits() {
    let mut x: Vec<f64> = (0..20_000).map(|i| 1e6 + ((i * 7_919) % 1_000) as f64 * 0.37).collect();
    x[2_345] = f64::NAN;
    x[7_001] = f64::INFINITY;
    for w in [64, 1_000, 1_003] {
        for stat in [Stat::Mean, Stat::Var] {
            let (fast, portable) = if stat == Stat::Mean {
                (
                    block_values::<Sums>(&x, w, stat, slide_block::<f64, Sums>),
                    block_values::<Sums>(&x, w, stat, slide_block_portable::<f64, Sums>),
                )
            } else {
                (
                    block_values::<Moments>(&x, w, stat, slide_block::<f64, Moments>),
                    block_values::<Moments>(&x, w, stat, slide_block_portable::<f64, Moments>),
                )
            };
            assert!(fast.iter().filter(|v| v.is_finite()).count() > fast.len() / 2, "w {w} {stat}: most windows slide");
            for (i, (a, b)) in fast.iter().zip(&portable).enumerate() {
                assert_eq!(a.to_bits(), b.to_bits(), "w {w} {stat} window {i}: {a} vs {b}");
            }
        }
    }
}
