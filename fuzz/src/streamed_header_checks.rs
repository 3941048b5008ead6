//! Target `streamed_header`: [`npy::read_header`], the path a shell takes when it fetches a file's first
//! bytes piece by piece (the CLI reads them, the page slices a `File`), fed in chunks of random sizes.
//!
//! Invariants: every `Need(n)` asks for more than it was given and no more than the file holds; the header
//! takes at most two fetches; the answer is the same however the bytes arrive, and the same as parsing the
//! whole file at once.

use super::header_checks::one_short_line;
use memwin::npy::{self, HeaderRead};

pub fn check(data: &[u8]) {
    // The first byte seeds the chunk sizes; the rest is the file.
    let Some((&seed, file)) = data.split_first() else { return };
    let file_len = file.len() as u64;

    let whole = npy::read_header(file, file_len);
    match &whole {
        Ok(HeaderRead::Need(n)) => panic!("the whole file of {file_len} bytes cannot need {n}"),
        Ok(HeaderRead::Done(h)) => {
            assert_eq!(npy::parse_header(file).as_ref(), Ok(h));
            assert!(h.file_len() <= file_len);
            assert_eq!(h.extra_bytes(file_len), file_len - h.file_len());
        }
        Err(e) => one_short_line(e),
    }

    let mut rng = u32::from(seed).wrapping_mul(2_654_435_761) | 1;
    let mut chunk = || {
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        // Mostly small chunks, sometimes large ones, as a stream delivers them.
        if rng % 4 == 0 {
            (rng >> 8) as usize % 20_000
        } else {
            1 + (rng >> 8) as usize % 16
        }
    };
    let mut have = 0;
    let mut fetches = 0;
    let streamed = loop {
        match npy::read_header(&file[..have], file_len) {
            Ok(HeaderRead::Need(n)) => {
                assert!(n > have && n as u64 <= file_len, "Need({n}) with {have} of {file_len} bytes");
                fetches += 1;
                assert!(fetches <= 2, "a header takes at most two fetches");
                while have < n {
                    have = (have + chunk()).min(file.len());
                }
            }
            done => break done,
        }
    };
    assert_eq!(streamed, whole);
}
