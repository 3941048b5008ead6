//! Numbers on the command line: `10000000`, `10_000_000`, `1e7` and `1.5e3` all mean whole counts, so the
//! seed's sizes can be typed the way the joblib example writes them (`int(1e7)`).
//!
//! These are clap value parsers: the error strings say what is wrong, and clap adds the flag and the value.

/// A whole count (`--len`, `--size`, `--step`, `--nan-every`).
pub fn count(s: &str) -> Result<usize, String> {
    let v = whole(s)?;
    usize::try_from(v).map_err(|_| format!("too large (the maximum is {})", usize::MAX))
}

/// A count of at least 1 (`--threads`), refused here so the message names the flag.
pub fn positive(s: &str) -> Result<usize, String> {
    match count(s)? {
        0 => Err("must be at least 1".to_string()),
        n => Ok(n),
    }
}

/// The most worker threads a command starts. More than the cores helps only the simulated cost (sleeping
/// tasks); beyond this it only costs memory, and a typo like `1e9` would try to start a billion threads.
pub const MAX_THREADS: usize = memwin::MAX_THREADS;

/// A thread count (`--threads`): 1 to [`MAX_THREADS`].
pub fn threads(s: &str) -> Result<usize, String> {
    match positive(s)? {
        n if n > MAX_THREADS => Err(format!("must be at most {MAX_THREADS}")),
        n => Ok(n),
    }
}

/// A random seed: any 64-bit unsigned value.
pub fn seed(s: &str) -> Result<u64, String> {
    let v = whole(s)?;
    u64::try_from(v).map_err(|_| format!("too large (the maximum is {})", u64::MAX))
}

/// Milliseconds of simulated work (`--cost-ms`): a finite number ≥ 0, fractions allowed.
pub fn millis(s: &str) -> Result<f64, String> {
    let bad = || "must be a finite number of milliseconds >= 0".to_string();
    let digits = strip_separators(s)?;
    // f64's parser also takes "inf" and "NaN", which the check below refuses.
    let v: f64 = digits.parse().map_err(|_| bad())?;
    if !v.is_finite() || v < 0.0 || digits.starts_with('-') {
        return Err(bad());
    }
    // Duration cannot hold more than about 584 years.
    if std::time::Duration::try_from_secs_f64(v / 1e3).is_err() {
        return Err("too large for a duration".to_string());
    }
    Ok(v)
}

/// The exact integer a decimal or scientific literal denotes, or why it is not one.
fn whole(s: &str) -> Result<u128, String> {
    let s = strip_separators(s)?;
    if s.starts_with('-') && s.len() > 1 {
        return Err("must not be negative".to_string());
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    let not_a_number = || "not a number".to_string();
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return Err(not_a_number());
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
            if unsigned.is_empty() || unsigned.len() > 6 || !all_digits(unsigned) {
                return Err(not_a_number());
            }
            e.parse().map_err(|_| not_a_number())?
        }
    };
    // value = digits × 10^(exponent − fraction digits), with trailing zeros moved into the exponent.
    let digits = format!("{int}{frac}");
    let significant = digits.trim_start_matches('0');
    let trimmed = significant.trim_end_matches('0');
    if trimmed.is_empty() {
        return Ok(0);
    }
    let scale = exponent - frac.len() as i64 + (significant.len() - trimmed.len()) as i64;
    if scale < 0 {
        return Err("not a whole number".to_string());
    }
    let too_large = || format!("too large (the maximum is {})", u64::MAX);
    let mut v: u128 = trimmed.parse().map_err(|_| too_large())?;
    for _ in 0..scale {
        v = v.checked_mul(10).filter(|v| *v <= u64::MAX as u128).ok_or_else(too_large)?;
    }
    Ok(v)
}

/// Removes `_` separators, which are only allowed between two digits (`10_000_000`).
fn strip_separators(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let digit_before = i > 0 && b[i - 1].is_ascii_digit();
            let digit_after = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !digit_before || !digit_after {
                return Err("'_' may only separate digits".to_string());
            }
        }
    }
    if s.is_empty() {
        return Err("empty".to_string());
    }
    Ok(s.replace('_', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_separated_and_scientific_counts() {
        for (s, v) in [
            ("10000000", 10_000_000),
            ("10_000_000", 10_000_000),
            ("1e7", 10_000_000),
            ("5e5", 500_000),
            ("1.5e3", 1500),
            ("1E2", 100),
            ("+7", 7),
            ("0", 0),
            ("0e0", 0),
            ("2.50e1", 25),
            ("100e-2", 1),
            ("18446744073709551615", u64::MAX as usize),
        ] {
            assert_eq!(count(s), Ok(v), "{s}");
        }
    }

    #[test]
    fn refuses_fractions_negatives_overflow_and_junk() {
        for (s, why) in [
            ("2.5", "whole"),
            ("1e-1", "whole"),
            ("1.25e1", "whole"),
            ("-3", "negative"),
            ("-1e3", "negative"),
            ("abc", "number"),
            ("", "empty"),
            ("1e", "number"),
            ("e5", "number"),
            ("1_", "separate"),
            ("_1", "separate"),
            ("1__0", "separate"),
            ("0x10", "number"),
            (" 5", "number"),
            ("1e400", "too large"),
            ("18446744073709551616", "too large"),
            ("99999999999999999999999999999999999999999", "too large"),
        ] {
            let err = count(s).unwrap_err();
            assert!(err.contains(why), "{s}: {err}");
        }
        assert!(positive("0").unwrap_err().contains("at least 1"));
        assert!(threads("1025").unwrap_err().contains("at most 1024"));
        assert!(threads("1e9").unwrap_err().contains("at most 1024"));
        assert_eq!(threads("1024"), Ok(1024));
    }

    #[test]
    fn milliseconds_are_finite_and_not_negative() {
        assert_eq!(millis("10"), Ok(10.0));
        assert_eq!(millis("0.5"), Ok(0.5));
        assert_eq!(millis("1e1"), Ok(10.0));
        for s in ["-1", "nan", "inf", "-0.0", "x", "1e300"] {
            assert!(millis(s).is_err(), "{s}");
        }
    }
}
