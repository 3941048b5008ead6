//! What goes to stdout: plain text, aligned tables, or one JSON object. A closed pipe (`| head`) ends the
//! output quietly instead of panicking as `println!` would.

use super::failure::{Failure, Outcome};
use std::io::{ErrorKind, Write};

/// Writes `text` to stdout.
pub fn emit(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(Failure::Other(format!("cannot write to stdout: {e}"))),
        _ => Ok(()),
    }
}

/// Writes one JSON object, on one line, to stdout. Floats that may be NaN or infinite go in as
/// `json_float::value`, since serde_json writes those as `null`.
pub fn emit_json(value: &serde_json::Value) -> Outcome {
    emit(&format!("{value}\n"))
}

/// Left-aligns the first column and right-aligns the others.
pub fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| if c == 0 { format!("{s:<w$}", w = widths[c]) } else { format!("{s:>w$}", w = widths[c]) })
            .collect();
        text.push_str(cells.join("   ").trim_end());
        text.push('\n');
    }
    text
}

/// Seconds with three decimals: `0.482 s`.
pub fn seconds(s: f64) -> String {
    format!("{s:.3} s")
}

/// A file size for humans: `80.0 MB`.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
