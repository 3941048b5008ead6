//! NaN counts of the running states: a NaN is counted and stands in the sums as a neutral value.

use crate::Element;

/// An element as f64, NaN replaced by `zero` and counted.
#[inline(always)]
pub(super) fn value_or<T: Element>(x: T, zero: f64, nans: &mut u64) -> (f64, bool) {
    let v = x.to_f64();
    if T::MAY_BE_NAN {
        let nan = v.is_nan();
        *nans += nan as u64;
        (if nan { zero } else { v }, nan)
    } else {
        (v, false)
    }
}

/// The entering and the leaving value of a slide with NaN replaced by 0, and `nans` moved by the NaN that
/// enters and the one that leaves (`old` was counted when it entered, so the count never goes below 0).
#[inline(always)]
pub(super) fn slide_nans(nans: &mut u64, new: f64, old: f64) -> (f64, f64) {
    let (nn, on) = (new.is_nan(), old.is_nan());
    *nans = *nans + nn as u64 - on as u64;
    (if nn { 0.0 } else { new }, if on { 0.0 } else { old })
}
