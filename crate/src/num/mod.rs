//! The arithmetic under the strategies: numpy's pairwise summation, double-double (TwoSum/TwoProduct)
//! arithmetic, and the same on several lanes at once (AVX2, simd128 or plain arrays).

pub mod double_double;
pub mod pairwise;
pub(crate) mod simd;
