//! `memwin info`: what a .npy file holds, as memwin reads it (the same checks `compute` makes).

use super::failure::Outcome;
use super::input;
use super::mapped::Mapped;
use super::report::{emit, emit_json};
use serde_json::json;
use std::path::PathBuf;

/// Shows a .npy file's dtype, length, format version and size.
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
    input::check(&args.input)?;
    let m = Mapped::open(&args.input)?;
    let h = m.header();
    if let Some(note) = m.note() {
        eprintln!("{note}");
    }
    let version = format!("{}.{}", h.version.0, h.version.1);
    if args.json {
        return emit_json(&json!({
            "input": args.input.display().to_string(),
            "dtype": m.dtype().name(),
            "len": m.len(),
            "version": version,
            "data_offset": h.data_offset,
            "bytes": m.file_len(),
            "copied": m.is_copy(),
        }));
    }
    emit(&format!(
        "{}: {} x {} (.npy {version}, payload at byte {}, {} bytes)\n",
        args.input.display(),
        m.len(),
        m.dtype().name(),
        h.data_offset,
        m.file_len()
    ))
}
