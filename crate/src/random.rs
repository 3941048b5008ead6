//! Seeded random input, the same on every target and whatever the thread count: the data is cut into
//! fixed chunks, and chunk c draws from its own generator seeded with (seed, c).

use crate::job::execution::Execution;
use crate::Element;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;

/// Elements per generator. A part of a larger array filled on its own starts on a multiple of it.
pub const CHUNK: usize = 1 << 16;

/// A type whose random values memwin can draw: floats uniform in [0, 1) like `np.random.random`, integers
/// uniform over their whole range (int64 over ±2⁵³, which float64 holds exactly).
pub trait Random: Element {
    fn draw(rng: &mut StdRng) -> Self;
}

impl Random for f64 {
    fn draw(rng: &mut StdRng) -> f64 {
        rng.random::<f64>()
    }
}
impl Random for f32 {
    fn draw(rng: &mut StdRng) -> f32 {
        rng.random::<f32>()
    }
}
impl Random for i64 {
    fn draw(rng: &mut StdRng) -> i64 {
        rng.random_range(-(1i64 << 53)..=(1i64 << 53))
    }
}
macro_rules! full_range {
    ($($t:ty),*) => {$(
        impl Random for $t {
            fn draw(rng: &mut StdRng) -> $t {
                rng.random::<$t>()
            }
        }
    )*};
}
full_range!(i32, i16, u16, u8);

/// Fills `out` with seeded random values. Sequential or on rayon's threads; the values are the same.
pub fn fill_random<T: Random>(seed: u64, out: &mut [T], exec: Execution) {
    fill_random_part(seed, 0, out, exec);
}

/// Fills `out` with what [`fill_random`] puts at `whole[first_chunk * CHUNK..][..out.len()]` of a larger
/// array, so a shell can fill a large array in parts (and stop between them).
pub fn fill_random_part<T: Random>(seed: u64, first_chunk: usize, out: &mut [T], exec: Execution) {
    let fill = |(c, chunk): (usize, &mut [T])| {
        let c = first_chunk + c;
        // Mixing the chunk index in with a large odd constant keeps the chunk streams apart.
        let mut rng = StdRng::seed_from_u64(seed ^ (c as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for v in chunk {
            *v = T::draw(&mut rng);
        }
    };
    match exec {
        Execution::Sequential => out.chunks_mut(CHUNK).enumerate().for_each(fill),
        Execution::Parallel { .. } => out.par_chunks_mut(CHUNK).enumerate().for_each(fill),
    }
}
