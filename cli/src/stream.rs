//! Values streamed to stdout as they are computed, so printing k values needs memory for one chunk, not k:
//! one per line, or inside one JSON object's `"values"` array. A closed pipe (`| head`) is not an error:
//! the sink says so and the command stops computing, exiting 0 as if it had finished.

use super::failure::{Failure, Outcome};
use super::json_float;
use std::io::{BufWriter, ErrorKind, StdoutLock, Write};

pub enum Format {
    /// One value a line, Rust's shortest text that reads back to the same f64 (`NaN`, `inf` included).
    Lines,
    /// `{head…, "values": [v, …], tail…}` on one line; NaN, +inf and −inf are the strings "NaN",
    /// "Infinity" and "-Infinity" (`json_float`), as JSON has no number for them.
    Json,
}

pub struct ValueSink {
    out: BufWriter<StdoutLock<'static>>,
    format: Format,
    written: usize,
    closed: bool,
}

impl ValueSink {
    /// Starts the output. For JSON, `head` is an object whose fields come before `"values"`.
    pub fn start(format: Format, head: &serde_json::Value) -> Outcome<ValueSink> {
        let mut sink = ValueSink {
            out: BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            format,
            written: 0,
            closed: false,
        };
        if let Format::Json = sink.format {
            let head = head.to_string();
            let fields = head.strip_prefix('{').and_then(|h| h.strip_suffix('}')).unwrap_or("");
            let sep = if fields.is_empty() { "" } else { "," };
            let text = format!("{{{fields}{sep}\"values\":[");
            sink.write(|out| out.write_all(text.as_bytes()))?;
        }
        Ok(sink)
    }

    /// Whether the reader has gone (a broken pipe): nothing more need be computed.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    pub fn values(&mut self, values: &[f64]) -> Outcome {
        for &v in values {
            let first = self.written == 0;
            self.written += 1;
            match self.format {
                Format::Lines => self.write(|out| writeln!(out, "{v:?}"))?,
                Format::Json => self.write(|out| {
                    if !first {
                        out.write_all(b",")?;
                    }
                    json_float::write(out, v)
                })?,
            }
            if self.closed {
                break;
            }
        }
        Ok(())
    }

    /// Ends the output; for JSON, `tail`'s fields close the object.
    pub fn finish(mut self, tail: &serde_json::Value) -> Outcome {
        if let Format::Json = self.format {
            let tail = tail.to_string();
            let fields = tail.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or("");
            let sep = if fields.is_empty() { "" } else { "," };
            let text = format!("]{sep}{fields}}}\n");
            self.write(|out| out.write_all(text.as_bytes()))?;
        }
        self.write(|out| out.flush())
    }

    fn write(&mut self, f: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> std::io::Result<()>) -> Outcome {
        if self.closed {
            return Ok(());
        }
        match f(&mut self.out) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Failure::Other(format!("cannot write to stdout: {e}"))),
        }
    }
}
