//! Which windows: size, step, count, and where window `i` starts.

use super::options::WindowRule;
use crate::Error;
use std::ops::Range;

/// A validated plan of windows over an input of known length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windows {
    len: usize,
    size: usize,
    step: usize,
    count: usize,
}

impl Windows {
    /// Plans the windows, or says why there are none. Never panics.
    pub fn new(len: usize, size: usize, step: usize, rule: WindowRule) -> Result<Windows, Error> {
        if len == 0 {
            return Err(Error::EmptyInput);
        }
        if size == 0 {
            return Err(Error::ZeroSize(size));
        }
        if step == 0 {
            return Err(Error::ZeroStep(step));
        }
        if size > len {
            return Err(Error::SizeExceedsLen { size, len });
        }
        let span = len - size;
        let count = match rule {
            WindowRule::AllFull => span / step + 1,
            WindowRule::SeedCompatible => span.div_ceil(step),
        };
        if count == 0 {
            return Err(Error::NoWindows { len, size });
        }
        Ok(Windows { len, size, step, count })
    }

    /// The input length the plan was made for.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Always false: a plan has at least one window. Here for clippy's sake.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
    pub fn size(&self) -> usize {
        self.size
    }
    pub fn step(&self) -> usize {
        self.step
    }
    /// The number of windows, k.
    pub fn count(&self) -> usize {
        self.count
    }
    /// Where window `i` starts (`i < count`).
    pub fn start(&self, i: usize) -> usize {
        i * self.step
    }
    /// The element range of window `i` (`i < count`).
    pub fn range(&self, i: usize) -> Range<usize> {
        let a = self.start(i);
        a..a + self.size
    }
    /// The block size of the one-pass strategy: gcd(w, s), so that every window is a whole number of blocks.
    pub fn block(&self) -> usize {
        gcd(self.size, self.step)
    }
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}
