//! The native shell: memory-mapped .npy files and the `memwin` command line, on the `memwin` kernel.
//!
//! Inputs become `&[T]` through [`mapped`], outputs `&mut [f64]` through [`output`]; the kernel does the
//! rest. Each subcommand is one module; [`cli`] parses and maps failures to exit codes.

pub mod cli;
pub mod compute;
pub mod demo;
pub mod failure;
pub mod gen;
pub mod info;
pub mod input;
pub mod interrupt;
pub mod json_float;
pub mod mapped;
pub mod no_subcommand;
pub mod npy_head;
pub mod numbers;
pub mod output;
pub mod progress;
pub mod report;
pub mod runner;
pub mod signals;
pub mod stream;
