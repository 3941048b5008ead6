//! An element type that notes which rayon threads read it, so a test can tell from the kernel's own reads
//! which threads did the work. Shared by the native and the browser thread tests.

use std::sync::atomic::{AtomicUsize, Ordering};

/// An f64 that sets bit `t` of [`READERS`] when rayon thread `t` reads it.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Spy(pub f64);
// SAFETY: a transparent wrapper of f64, which is Pod.
unsafe impl bytemuck::Zeroable for Spy {}
unsafe impl bytemuck::Pod for Spy {}

/// One bit per rayon thread index that has read a [`Spy`].
pub static READERS: AtomicUsize = AtomicUsize::new(0);

impl memwin::Element for Spy {
    const DTYPE: memwin::Dtype = memwin::Dtype::F64;
    const MAY_BE_NAN: bool = false;
    fn to_f64(self) -> f64 {
        if let Some(t) = rayon::current_thread_index() {
            READERS.fetch_or(1 << t, Ordering::Relaxed);
        }
        self.0
    }
}
