//! Floats in JSON without losing a value: JSON has no NaN or infinity, and writing them all as `null` would
//! make NaN, +inf and −inf one value. Finite values are JSON numbers, the shortest text that reads back to
//! the same f64; NaN, +inf and −inf are the strings "NaN", "Infinity" and "-Infinity", which every JSON
//! parser reads and Python's `float()` and JavaScript's `Number()` turn back into the float.

use serde_json::Value;
use std::io::{self, Write};

/// The JSON text of a non-finite value, or `None` for a finite one.
fn non_finite(v: f64) -> Option<&'static str> {
    match v {
        v if v.is_nan() => Some("\"NaN\""),
        f64::INFINITY => Some("\"Infinity\""),
        f64::NEG_INFINITY => Some("\"-Infinity\""),
        _ => None,
    }
}

/// Writes `v` as JSON.
pub fn write(out: &mut impl Write, v: f64) -> io::Result<()> {
    match non_finite(v) {
        Some(text) => out.write_all(text.as_bytes()),
        None => serde_json::to_writer(out, &v).map_err(io::Error::from),
    }
}

/// `v` as a JSON value, for a report built with `json!`.
pub fn value(v: f64) -> Value {
    match non_finite(v) {
        Some(text) => Value::String(text.trim_matches('"').to_string()),
        None => Value::from(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_values_are_strings_and_finite_ones_numbers() {
        let text = |v: f64| {
            let mut out = Vec::new();
            write(&mut out, v).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(text(f64::NAN), "\"NaN\"");
        assert_eq!(text(f64::INFINITY), "\"Infinity\"");
        assert_eq!(text(f64::NEG_INFINITY), "\"-Infinity\"");
        assert_eq!(text(0.1), "0.1");
        assert_eq!(text(-0.0), "-0.0");
        assert_eq!(text(1e300), "1e+300");
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.1, 1e300] {
            assert_eq!(value(v).to_string(), text(v));
        }
    }
}
