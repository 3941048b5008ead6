//! The native shell: memory-mapped .npy files and the `memwin` command line, on the `memwin` kernel.
//!
//! Inputs become `&[T]` through [`mapped`], outputs `&mut [f64]` through [`output`]; the kernel does the
//! rest. Each subcommand is one module; [`cli`] parses and maps failures to exit codes.

pub mod chunk;
pub mod cli;
pub mod compute;
pub mod demo;
pub mod failure;
pub mod gen;
pub mod info;
pub mod input;
pub mod interrupt;
pub mod mapped;
pub mod numbers;
pub mod output;
pub mod progress;
pub mod report;
pub mod runner;
pub mod stream;
