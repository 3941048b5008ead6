//! `memwin info`: what a .npy file holds (dtype, shape, memory order, format version, where the payload
//! starts) for any array numpy writes, and whether memwin computes over it, with the reason when not.
//! A valid file is exit 0 whatever it holds; a broken one (not a .npy, a bad header, a truncated payload)
//! is bad input, exit 2, as for `compute`.

use super::failure::Outcome;
use super::input;
use super::mapped::Mapped;
use super::npy_head;
use super::report::{emit, emit_json};
use memwin::npy::{self, Description, Header, NpyError};
use serde_json::json;
use std::path::PathBuf;

/// Describes a .npy file: dtype, shape, order, format version, payload offset; and whether memwin computes
/// over it.
#[derive(Debug, Clone, clap::Args)]
pub struct InfoArgs {
    /// The .npy file.
    #[arg(value_name = "FILE.npy")]
    pub input: PathBuf,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &InfoArgs) -> Outcome {
    let path = &args.input;
    input::check(path)?;
    let head = npy_head::read(path)?;
    let d = npy::describe(&head.bytes).map_err(|e| npy_head::bad(path, e))?;
    if let Some(payload) = d.payload_len() {
        let need = (d.data_offset as u64).saturating_add(payload);
        if head.file_len < need {
            return Err(npy_head::bad(path, NpyError::Truncated { have: head.file_len, need }));
        }
    }
    // The same checks `compute` makes; a file it would map is opened as `compute` opens it.
    let computable = Header::from_description(&d);
    let mapped = match computable {
        Ok(_) => Some(Mapped::open(path)?),
        Err(_) => None,
    };
    if let Some(note) = mapped.as_ref().and_then(Mapped::note) {
        eprintln!("{note}");
    }
    let version = format!("{}.{}", d.version.0, d.version.1);
    let order = if d.fortran_order { "Fortran" } else { "C" };
    let why_not = computable.as_ref().err().map(|e| why_not(&d, e));
    if args.json {
        return emit_json(&json!({
            "input": path.display().to_string(),
            "descr": d.descr,
            "dtype": d.dtype.as_ref().ok().map(|t| t.name()),
            "shape": d.shape,
            "fortran_order": d.fortran_order,
            "len": d.len,
            "version": version,
            "data_offset": d.data_offset,
            "payload_bytes": d.payload_len(),
            "bytes": head.file_len,
            "computes": why_not.is_none(),
            "why_not": why_not,
            "copied": mapped.as_ref().map(Mapped::is_copy),
        }));
    }
    let dtype = match &d.dtype {
        Ok(t) => format!("{} ('{}')", t.name(), d.descr),
        Err(_) => format!("dtype {}", d.descr),
    };
    let payload = d.payload_len().map_or_else(|| "a pickled payload".to_string(), |b| format!("{b} bytes"));
    let verdict = match &why_not {
        None => "memwin computes over it".to_string(),
        Some(why) => format!("memwin cannot compute over it: {why}"),
    };
    emit(&format!(
        "{}: {dtype}, shape {}, {order} order, .npy {version}, payload at byte {} ({payload}), {} bytes in all\n{verdict}\n",
        path.display(),
        d.shape_text(),
        d.data_offset,
        head.file_len,
    ))
}

/// Why memwin does not compute over `d`: the kernel's reason, or both when the dtype and the shape are wrong.
fn why_not(d: &Description, e: &NpyError) -> String {
    if d.dtype.is_err() && d.shape.len() != 1 {
        return format!(
            "memwin computes over 1-D arrays of float64, float32, int64, int32, int16, uint16 or uint8, \
             and this one is {}-D, of dtype {}",
            d.shape.len(),
            d.descr
        );
    }
    e.to_string()
}
